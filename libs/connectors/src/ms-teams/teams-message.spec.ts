import {
  contentLength,
  graphTime,
  mapTeamsMessage,
  typeLabel,
  userIdsOf,
  type TeamsMessageContext,
} from './teams-message';

const context = (overrides: Partial<TeamsMessageContext> = {}): TeamsMessageContext => ({
  channelId: '19:c@thread.tacv2',
  root: null,
  hasReplies: false,
  keyOf: (id) => `${id}@contoso.com`,
  location: { file: 'delta page 1', line: 3 },
  ...overrides,
});
const person = (id: string) => ({ application: null, device: null, user: { id, displayName: 'Someone' } });
const message = (fields: Record<string, unknown> = {}) => ({
  id: '1711443600000',
  messageType: 'message',
  createdDateTime: '2024-03-26T09:00:00.000Z',
  deletedDateTime: null,
  from: person('A1'),
  body: { contentType: 'html', content: '<p>Hi</p>' },
  ...fields,
});

describe('contentLength', () => {
  it('measures the text a reader sees: tags stripped, entities decoded', () => {
    expect(
      contentLength({ contentType: 'html', content: '<p>Hi <at id="0">Ben</at> &amp; &#233;&#x1F600;</p>' }),
    ).toBe('Hi Ben & é😀'.length);
    expect(contentLength({ contentType: 'text', content: '<b>as is</b>' })).toBe(12);
    expect(contentLength({ contentType: 'html', content: '<attachment id="1"></attachment>' })).toBe(0);
    expect(contentLength(null)).toBe(0);
  });
});

describe('mapTeamsMessage', () => {
  it('maps a post with its mentions (distinct people only) and reactions (one per person and type)', () => {
    const mapped = mapTeamsMessage(
      message({
        mentions: [
          { id: 0, mentioned: { user: { id: 'B2' } } },
          { id: 1, mentioned: { user: { id: 'B2' } } },
          {
            id: 2,
            mentioned: { conversation: { id: '19:c@thread.tacv2', conversationIdentityType: 'channel' } },
          },
        ],
        reactions: [
          { reactionType: 'like', createdDateTime: '2024-03-26T09:05:00Z', user: person('C3') },
          { reactionType: 'like', createdDateTime: '2024-03-26T09:06:00Z', user: person('C3') },
          { reactionType: 'like', user: { application: { id: 'bot' }, user: null } },
        ],
      }),
      context({ hasReplies: true }),
    );
    const records = mapped.messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
    expect(records.map((r) => [r.type, r.actorExternalId, r.targetExternalId, r.threadExternalId])).toEqual([
      ['post', 'a1@contoso.com', null, '19:c@thread.tacv2:1711443600000'],
      ['mention', 'a1@contoso.com', 'b2@contoso.com', '19:c@thread.tacv2:1711443600000'],
      ['reaction', 'c3@contoso.com', 'a1@contoso.com', '19:c@thread.tacv2:1711443600000'],
    ]);
    expect(records[2].occurredAt).toEqual(new Date('2024-03-26T09:05:00Z'));
    expect(mapped.messages.some((m) => m.kind === 'invalid')).toBe(false);
  });

  it('maps a reply to its thread, aimed at the root author', () => {
    const mapped = mapTeamsMessage(
      message({ id: '2' }),
      context({ root: { id: '1', author: 'root@contoso.com' } }),
    );
    expect(mapped.messages[0]).toMatchObject({
      record: {
        type: 'reply',
        threadExternalId: '19:c@thread.tacv2:1',
        targetExternalId: 'root@contoso.com',
      },
    });
  });

  it('skips system events silently and warns about unknown types, never mapping them', () => {
    expect(mapTeamsMessage(message({ messageType: 'systemEventMessage' }), context()).messages).toEqual([]);
    expect(mapTeamsMessage(message({ messageType: 'chatEvent' }), context()).messages).toEqual([]);
    expect(mapTeamsMessage(message({ messageType: 'unknownFutureValue' }), context()).messages).toEqual([
      expect.objectContaining({
        kind: 'warning',
        warning: expect.objectContaining({ code: 'ms-teams.unknown-message-type.unknownFutureValue' }),
      }),
    ]);
    expect(typeLabel('a b<script>')).toBe('abscript');
    expect(typeLabel(undefined)).toBe('missing');
  });

  it('stores nothing of a deleted message and says so', () => {
    const mapped = mapTeamsMessage(
      message({ deletedDateTime: '2024-03-26T11:00:00Z', body: { content: '' } }),
      context(),
    );
    expect(mapped).toEqual({ messages: [], id: '1711443600000', author: null, deleted: true });
  });

  it("does not store an app's message, keeps people's reactions to it without a target", () => {
    const mapped = mapTeamsMessage(
      message({
        from: { application: { id: 'bot' }, user: null },
        reactions: [{ reactionType: 'like', user: person('A1') }],
      }),
      context(),
    );
    expect(
      mapped.messages.map((m) =>
        m.kind === 'activity' ? [m.record.type, m.record.targetExternalId] : m.kind,
      ),
    ).toEqual(['warning', ['reaction', null]]);
  });

  it('quarantines what it cannot read, with the field and the message id', () => {
    const problem = (raw: unknown) => mapTeamsMessage(raw, context()).messages[0];
    expect(problem('x')).toMatchObject({
      kind: 'invalid',
      problem: { location: { file: 'delta page 1', line: 3 } },
    });
    expect(problem(message({ id: '' }))).toMatchObject({ problem: { location: { field: 'id' } } });
    expect(problem(message({ createdDateTime: '26/03/2024' }))).toMatchObject({
      problem: { location: { field: 'createdDateTime', recordId: '1711443600000' } },
    });
    expect(problem(message({ from: null }))).toMatchObject({
      problem: { location: { field: 'from.user.id' } },
    });
    const reaction = mapTeamsMessage(
      message({ reactions: [{ reactionType: 'like', user: {} }] }),
      context(),
    ).messages;
    expect(reaction[1]).toMatchObject({
      kind: 'invalid',
      problem: { location: { field: 'reactions.0.user.user.id' } },
    });
  });

  it('maps a chat message and its reactions to private chats: no thread, no target, no mention', () => {
    const mapped = mapTeamsMessage(
      message({
        mentions: [{ id: 0, mentioned: { user: { id: 'B2' } } }],
        reactions: [{ reactionType: 'heart', createdDateTime: '2024-03-26T09:05:00Z', user: person('B2') }],
      }),
      // a chat has replies of no kind: hasReplies false; a stray root is ignored as well
      context({ channelId: '19:a_b@unq.gbl.spaces', conversation: 'chat' }),
    );
    const records = mapped.messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
    expect(
      records.map((r) => [
        r.type,
        r.externalId,
        r.actorExternalId,
        r.groupExternalId,
        r.threadExternalId,
        r.targetExternalId,
      ]),
    ).toEqual([
      // the message: '<p>Hi</p>' is 2 characters long
      ['chat', '19:a_b@unq.gbl.spaces:1711443600000', 'a1@contoso.com', '19:a_b@unq.gbl.spaces', null, null],
      // Ben's heart, at its own time; the mention of Ben is not kept
      [
        'chat',
        '19:a_b@unq.gbl.spaces:1711443600000:reaction:heart:b2',
        'b2@contoso.com',
        '19:a_b@unq.gbl.spaces',
        null,
        null,
      ],
    ]);
    expect(records[0].contentLength).toBe(2);
    expect(records[1].occurredAt).toEqual(new Date('2024-03-26T09:05:00Z'));
    // a chat's mentions are not resolved either
    expect(userIdsOf(message({ mentions: [{ mentioned: { user: { id: 'B2' } } }] }), false)).toEqual(['a1']);
  });

  it('lists the object ids to resolve, lower-cased', () => {
    expect(
      userIdsOf(
        message({
          from: person('AA'),
          reactions: [{ user: person('BB') }],
          mentions: [{ mentioned: { user: { id: 'AA' } } }],
        }),
      ),
    ).toEqual(['aa', 'bb']);
  });
});

describe('graphTime', () => {
  it('reads DateTimeOffsets only', () => {
    expect(graphTime('2024-03-26T09:00:00.123Z')).toEqual(new Date('2024-03-26T09:00:00.123Z'));
    expect(graphTime('2024-03-26T09:00:00+01:00')).toEqual(new Date('2024-03-26T08:00:00Z'));
    expect(graphTime('2024-03-26')).toBeNull();
    expect(graphTime(1711443600000)).toBeNull();
  });
});
