import { parseActivityRow } from './activity-row';

const base = {
  external_id: 'eng-1002',
  occurred_at: '2026-03-02T10:05:00+01:00',
  actor_id: 'Bob.Ng@Example.com',
  type: 'reply',
};

describe('parseActivityRow', () => {
  it('maps a full row to an activity and its group', () => {
    const result = parseActivityRow({
      ...base,
      group_id: 'C-ENG',
      group_name: 'Engineering',
      thread_id: 'eng-1001',
      target_id: 'ANN.LEE@example.com',
      content_length: '88',
      count: '',
    });
    expect(result).toEqual({
      ok: true,
      activity: {
        externalId: 'eng-1002',
        occurredAt: new Date('2026-03-02T09:05:00Z'),
        actorExternalId: 'bob.ng@example.com',
        type: 'reply',
        groupExternalId: 'C-ENG',
        threadExternalId: 'eng-1001',
        targetExternalId: 'ann.lee@example.com',
        contentLength: 88,
        count: 1,
      },
      group: {
        externalId: 'C-ENG',
        name: 'Engineering',
        kind: 'channel',
        isPrivate: false,
        memberExternalIds: null,
      },
    });
  });

  it('needs only the required fields; a group without a name is named by its id', () => {
    const minimal = parseActivityRow(base);
    expect(minimal.ok && minimal.activity).toMatchObject({
      groupExternalId: null,
      threadExternalId: null,
      targetExternalId: null,
      contentLength: null,
      count: 1,
    });
    expect(minimal.ok && minimal.group).toBeNull();
    const grouped = parseActivityRow({ ...base, group_id: 'C-42', count: 7 });
    expect(grouped.ok && grouped.group?.name).toBe('C-42');
    expect(grouped.ok && grouped.activity.count).toBe(7);
  });

  it('applies settings.typeMapping before checking the type', () => {
    const mapping = { comment: 'reply', like: 'reaction' } as const;
    const liked = parseActivityRow({ ...base, type: 'Like' }, { typeMapping: mapping });
    expect(liked.ok && liked.activity.type).toBe('reaction');
    const clap = parseActivityRow({ ...base, type: 'clap' }, { typeMapping: mapping });
    expect(clap).toEqual({
      ok: false,
      problems: [
        {
          field: 'type',
          reason:
            "type: 'clap' is not one of post, reply, reaction, read, mention, share, join, question, answer, " +
            'call, chat (map other names with settings.typeMapping)',
        },
      ],
    });
  });

  it('reports every bad field, each naming the field and (non-personal) value', () => {
    const result = parseActivityRow({
      external_id: '',
      occurred_at: 'yesterday',
      actor_id: '',
      type: 'post',
      content_length: '-4',
      count: '0',
      group_name: 'g'.repeat(301),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { field: 'external_id', reason: 'external_id is missing' },
      {
        field: 'occurred_at',
        reason: "occurred_at: 'yesterday' is not an ISO 8601 date-time (e.g. 2026-01-05T09:30:00Z)",
      },
      { field: 'actor_id', reason: 'actor_id is missing' },
      { field: 'group_name', reason: `group_name: '${'g'.repeat(39)}…' is longer than 300 characters` },
      { field: 'content_length', reason: "content_length: '-4' is not an integer of at least 0" },
      { field: 'count', reason: "count: '0' is not an integer of at least 1" },
    ]);
  });

  it('names fields as the caller labels them (the webhook uses camelCase)', () => {
    const labels: Record<string, string> = { occurred_at: 'occurredAt', actor_id: 'actorId' };
    const result = parseActivityRow(
      { external_id: 'wh-1', occurred_at: '2026-03-06T08:00:00', type: 'post' },
      { label: (field) => labels[field] ?? field },
    );
    expect(!result.ok && result.problems.map((problem) => problem.reason)).toEqual([
      "occurredAt: '2026-03-06T08:00:00' has no time-zone offset (add Z or e.g. +01:00)",
      'actorId is missing',
    ]);
  });

  it('accepts JSON numbers for ids and figures, but not fractional ones', () => {
    const result = parseActivityRow({ ...base, actor_id: 1017, content_length: 12, count: 2.5 });
    expect(!result.ok && result.problems).toEqual([
      { field: 'count', reason: "count: '2.5' is not an integer of at least 1" },
    ]);
    const ok = parseActivityRow({ ...base, actor_id: 1017 });
    expect(ok.ok && ok.activity.actorExternalId).toBe('1017');
  });
});
