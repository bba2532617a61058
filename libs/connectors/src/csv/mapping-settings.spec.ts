import { ConnectorConfigError, parseConnectorSettings } from '@uptake/connector-sdk';
import { z } from 'zod';
import { csvActivityConnector } from '.';
import { MAPPING_LIMITS } from './mapping-schema';
import { DISCOURSE_SETTINGS, MATTERMOST_SETTINGS, VIVA_ENGAGE_SETTINGS } from './fixtures/worked-mappings';

/** The issues settings are refused with, as the API's 400 lists them. */
function issues(settings: unknown): readonly string[] {
  try {
    parseConnectorSettings(csvActivityConnector, settings);
  } catch (error) {
    if (error instanceof ConnectorConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('csv settings: the column mapping is validated, errors name the setting', () => {
  it('accepts the worked mappings and the old plain column names', () => {
    expect(issues(MATTERMOST_SETTINGS)).toEqual([]);
    expect(issues(DISCOURSE_SETTINGS)).toEqual([]);
    expect(issues(VIVA_ENGAGE_SETTINGS)).toEqual([]);
    expect(
      issues({ columns: { external_id: 'Message ID', actor_id: 'User' }, typeMapping: { like: 'reaction' } }),
    ).toEqual([]);
  });

  it('names the exact path of a bad value inside a mapping', () => {
    expect(
      issues({ columns: { type: { column: 'kind', map: { message: 'post', comment: 'answerr' } } } }),
    ).toEqual([
      'settings.columns.type.map.comment: must be one of post, reply, reaction, read, mention, share, join, ' +
        'question, answer, call, chat or skip',
    ]);
    expect(
      issues({
        columns: {
          type: {
            rules: [
              { when: 'replied_to_id', present: true, then: 'reply' },
              { when: 'x', then: 'post' },
            ],
          },
        },
      }),
    ).toEqual(['settings.columns.type.rules.1: a rule needs exactly one of equals or present']);
    expect(issues({ columns: { occurred_at: [{ column: 'created_at', format: 'epoch-minutes' }] } })).toEqual(
      [
        'settings.columns.occurred_at.0.format: must be iso, epoch-seconds, epoch-milliseconds or a pattern such ' +
          "as dd.MM.yyyy HH:mm: 'e' at position 1 is not a pattern letter (quote text: 'T')",
      ],
    );
    expect(issues({ columns: { actor_id: { column: 'from.user.id', colum: 'x' } } })).toEqual([
      'settings.columns.actor_id: Unrecognized key: "colum"',
    ]);
    expect(issues({ columns: { actor_id: 42 } })).toEqual([
      'settings.columns.actor_id: expected a column name, a list of alternatives or an object (column, value, join or rules)',
    ]);
    expect(issues({ columns: { external_id: { join: ['a', { value: 'b', split: '/' }] } } })).toEqual([
      'settings.columns.external_id.join.1: split, part and missing apply to column only',
    ]);
  });

  it('keeps features to the fields they belong to, and one kind per source', () => {
    expect(issues({ columns: { actor_id: { column: 'user', format: 'epoch-seconds' } } })).toEqual([
      'settings.columns.actor_id: Unrecognized key: "format"',
    ]);
    expect(issues({ columns: { type: { value: 'post', map: { a: 'post' } } } })).toEqual([
      'settings.columns.type.map: applies to column only',
    ]);
    expect(issues({ columns: { group_id: { column: 'a', value: 'b' } } })).toEqual([
      'settings.columns.group_id: needs exactly one of column, value or join',
    ]);
    expect(issues({ columns: { thread_id: { column: 'url', split: '/' } } })).toEqual([
      'settings.columns.thread_id.part: split and part go together',
    ]);
  });

  it('needs settings.timeZone for a pattern, and a real IANA zone', () => {
    expect(issues({ columns: { occurred_at: { column: 'Datum', format: 'dd.MM.yyyy HH:mm' } } })).toEqual([
      "settings.timeZone: is needed to read occurred_at with the pattern 'dd.MM.yyyy HH:mm' (a pattern carries no offset)",
    ]);
    expect(issues({ timeZone: 'CET+1' })).toEqual([
      'settings.timeZone: must be an IANA time zone such as Europe/Berlin or UTC',
    ]);
    expect(
      issues({
        columns: { occurred_at: { column: 'Datum', format: 'dd.MM.yyyy HH:mm' } },
        timeZone: 'Europe/Berlin',
      }),
    ).toEqual([]);
  });

  it('bounds every size: paths, alternatives, joins, rules, rule values, maps, nested arrays', () => {
    const many = <T>(count: number, make: (index: number) => T): T[] =>
      Array.from({ length: count }, (_, index) => make(index));
    expect(issues({ columns: { actor_id: 'a.b.c.d.e.f.g.h.i' } })).toEqual([
      `settings.columns.actor_id: a path has at most ${MAPPING_LIMITS.pathSegments} parts`,
    ]);
    expect(issues({ columns: { actor_id: 'x'.repeat(201) } })[0]).toMatch(
      /^settings\.columns\.actor_id: Too big/,
    );
    expect(issues({ columns: { actor_id: many(5, (index) => `c${index}`) } })[0]).toMatch(
      /^settings\.columns\.actor_id: Too big/,
    );
    expect(issues({ columns: { external_id: { join: many(9, (index) => `c${index}`) } } })[0]).toMatch(
      /^settings\.columns\.external_id\.join: Too big/,
    );
    const rule = { when: 'kind', present: true, then: 'post' };
    expect(issues({ columns: { type: { rules: many(21, () => rule) } } })[0]).toMatch(
      /^settings\.columns\.type\.rules: Too big/,
    );
    expect(
      issues({ columns: { type: { rules: [{ when: 'kind', equals: many(51, String), then: 'post' }] } } })[0],
    ).toMatch(/^settings\.columns\.type\.rules\.0\.equals/);
    const map = Object.fromEntries(many(201, (index) => [`k${index}`, 'post']));
    expect(issues({ columns: { type: { column: 'kind', map } } })).toEqual([
      'settings.columns.type.map: a map has at most 200 entries',
    ]);
    expect(issues({ typeMapping: map })).toEqual(['settings.typeMapping: at most 200 entries']);
    const nested = {
      each: 'replies',
      as: 'reply',
      columns: {
        external_id: 'reply.id',
        occurred_at: 'reply.at',
        actor_id: 'reply.by',
        type: { value: 'reply' },
      },
    };
    expect(issues({ nested: many(4, () => nested) })).toEqual([]);
    expect(issues({ nested: many(5, () => nested) })[0]).toMatch(/^settings\.nested: Too big/);
  });

  it('needs the required fields in each nested row (nothing is inherited)', () => {
    expect(
      issues({
        nested: [
          { each: 'replies', as: 'reply', columns: { external_id: 'reply.id', actor_id: 'reply.by' } },
        ],
      }),
    ).toEqual([
      'settings.nested.0.columns.occurred_at: is needed: a nested row reads only the fields its own columns name',
      'settings.nested.0.columns.type: is needed: a nested row reads only the fields its own columns name',
    ]);
    expect(issues({ nested: [{ ...{ each: 'r', columns: {} }, as: 'has space' }] })).toContain(
      'settings.nested.0.as: must be a name of letters, digits and _ (up to 30)',
    );
  });

  it('is exposed as JSON Schema in the connector catalogue (GET /api/connectors)', () => {
    const schema = z.toJSONSchema(csvActivityConnector.settingsSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as {
      properties: Record<
        string,
        { anyOf?: unknown[]; properties?: Record<string, { anyOf?: { type?: string }[] }> }
      >;
    };
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(schema.properties)).toEqual([
      'columns',
      'nested',
      'delimiter',
      'typeMapping',
      'timeZone',
    ]);
    const type = schema.properties.columns.properties?.type;
    expect(type?.anyOf?.map((variant) => variant.type)).toEqual(['string', 'array', 'object']);
    expect(JSON.stringify(type)).toContain('"rules"');
  });
});
