import type { ActivityRecord, ConnectorMessage, PersonRecord } from '@uptake/connector-sdk';
import { createDataSource, Organisation, QuarantinedRecord } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { createScratchSource } from '../testing';
import { ingest } from './pipeline';

async function* from(messages: ConnectorMessage[]): AsyncIterable<ConnectorMessage> {
  yield* messages;
}

const NOW = new Date('2026-11-26T10:00:00Z');
const at = (line: number) => ({ file: 'events.csv', line });

function activity(externalId: string, occurredAt: Date, overrides: Partial<ActivityRecord> = {}) {
  return {
    kind: 'activity' as const,
    location: at(Number.parseInt(externalId.slice(1), 10)),
    record: {
      externalId,
      occurredAt,
      actorExternalId: 'ann@example.com',
      type: 'post' as const,
      groupExternalId: null,
      threadExternalId: null,
      targetExternalId: null,
      contentLength: null,
      count: 1,
      ...overrides,
    },
  };
}

function person(externalId: string, dates: Pick<PersonRecord, 'startDate' | 'endDate'>): ConnectorMessage {
  return {
    kind: 'person',
    location: { file: 'hr.csv', line: Number(externalId.slice(1, 2)) },
    record: {
      externalId,
      orgUnitExternalId: null,
      legacyCompanyExternalId: null,
      managerExternalId: null,
      level: null,
      location: null,
      ...dates,
    },
  };
}

function yearOne(): Date {
  const date = new Date('2000-01-01T00:00:00Z');
  date.setUTCFullYear(1);
  return date;
}

/**
 * The accepted time window and unstorable text, through the real pipeline into Postgres: what is outside
 * is quarantined where it was read, with the field and the value; everything else in the batch lands.
 */
describe('ingest pipeline: dates outside the window and unstorable text', () => {
  let dataSource: DataSource;
  const organisations: string[] = [];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource.destroy();
  });

  async function run(messages: ConnectorMessage[]) {
    const scope = await createScratchSource(dataSource, 'csv');
    organisations.push(scope.organisationId);
    const result = await ingest(dataSource, scope, from(messages), {
      now: () => NOW,
      timeWindow: { earliestDay: '1990-01-01', maxFutureHours: 24 },
    });
    const problems = await dataSource
      .getRepository(QuarantinedRecord)
      .find({ where: { sourceId: scope.sourceId }, order: { id: 'ASC' } });
    const stored = await dataSource.query(
      'SELECT external_id FROM activity_events WHERE source_id = $1 ORDER BY external_id',
      [scope.sourceId],
    );
    return { scope, result, problems, stored: stored.map((row: { external_id: string }) => row.external_id) };
  }

  it('quarantines activity before EVENT_EARLIEST_DATE or past now + EVENT_MAX_FUTURE_HOURS, naming field and value', async () => {
    const { result, problems, stored } = await run([
      activity('a1', new Date('2026-11-25T09:00:00Z')),
      activity('a2', new Date('9999-12-31T00:00:00Z')),
      activity('a3', yearOne()),
      activity('a4', new Date('1989-12-31T23:00:00Z')),
      activity('a5', new Date('2026-11-27T09:59:00Z')),
      activity('a6', new Date('2026-11-27T10:01:00Z')),
    ]);
    expect(stored).toEqual(['a1', 'a5']);
    expect(result).toMatchObject({ read: 2, inserted: 2, quarantined: 4 });
    expect(problems.map((p) => [p.file, p.line, p.field, p.recordId, p.reason])).toEqual([
      [
        'events.csv',
        2,
        'occurredAt',
        'a2',
        'occurredAt 9999-12-31T00:00:00.000Z is more than 24 hours in the future (latest accepted 2026-11-27T10:00:00.000Z, EVENT_MAX_FUTURE_HOURS)',
      ],
      [
        'events.csv',
        3,
        'occurredAt',
        'a3',
        'occurredAt 0001-01-01T00:00:00.000Z is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
      ],
      [
        'events.csv',
        4,
        'occurredAt',
        'a4',
        'occurredAt 1989-12-31T23:00:00.000Z is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
      ],
      [
        'events.csv',
        6,
        'occurredAt',
        'a6',
        'occurredAt 2026-11-27T10:01:00.000Z is more than 24 hours in the future (latest accepted 2026-11-27T10:00:00.000Z, EVENT_MAX_FUTURE_HOURS)',
      ],
    ]);
  });

  it('quarantines usage figures for days outside the window and employment dates outside 1900..2100', async () => {
    const usage = (day: string): ConnectorMessage => ({
      kind: 'usage',
      location: { file: 'email.csv', line: 2 },
      record: { personExternalId: 'ann@example.com', day, metric: 'email.sent', value: 3 },
    });
    const { scope, result, problems } = await run([
      usage('2026-11-27'),
      usage('9999-12-31'),
      person('p1@x.org', { startDate: '1899-12-31', endDate: null }),
      person('p2@x.org', { startDate: '2020-01-01', endDate: '2101-01-01' }),
      person('p3@x.org', { startDate: '1900-01-01', endDate: '2100-12-31' }),
    ]);
    expect(result).toMatchObject({ usage: 1, people: 1, quarantined: 3 });
    expect(problems.map((p) => [p.file, p.line, p.field, p.recordId, p.reason])).toEqual([
      [
        'email.csv',
        2,
        'day',
        null,
        'day 9999-12-31 is after 2026-11-27, the latest accepted day (EVENT_MAX_FUTURE_HOURS)',
      ],
      [
        'hr.csv',
        1,
        'startDate',
        null,
        'startDate 1899-12-31 is before 1900-01-01, the earliest accepted day',
      ],
      ['hr.csv', 2, 'endDate', null, 'endDate 2101-01-01 is after 2100-12-31, the latest accepted day'],
    ]);
    const [{ people }] = await dataSource.query(
      'SELECT count(*)::int AS people FROM people WHERE organisation_id = $1',
      [scope.organisationId],
    );
    // p3 stored; ann exists once, from her usage figure.
    expect(people).toBe(2);
  });

  it('quarantines records with NUL, lone surrogates or U+FFFD in identities, and lands the rest of the batch', async () => {
    const ok = new Date('2026-11-25T09:00:00Z');
    const { result, problems, stored } = await run([
      activity('a1', ok),
      activity('a2', ok, { groupExternalId: 'C\u00001' }),
      activity('a3', ok, { actorExternalId: 'ann\ud800@example.com' }),
      activity('a4', ok, { actorExternalId: 'ann\ufffd@example.com' }),
      activity('a5\u0000', ok),
      activity('a6', ok, { targetExternalId: 'bob@example.com' }),
    ]);
    expect(stored).toEqual(['a1', 'a6']);
    expect(result).toMatchObject({ inserted: 2, quarantined: 4 });
    expect(problems.map((p) => [p.line, p.field, p.recordId, p.reason])).toEqual([
      [2, 'groupExternalId', 'a2', 'must be storable text: contains a NUL character (U+0000)'],
      [3, 'actorExternalId', 'a3', 'must be storable text: contains a lone surrogate (not valid Unicode)'],
      [
        4,
        'actorExternalId',
        'a4',
        'must be storable text: contains U+FFFD (bytes that were not valid UTF-8): it could merge two different people',
      ],
      // The record id itself held the NUL: stored with U+FFFD in its place, so the quarantine can hold it.
      [5, 'externalId', 'a5\ufffd', 'must be storable text: contains a NUL character (U+0000)'],
    ]);
  });
});
