import { MAX_PARTICIPANTS, participantIds, readMessageRow } from './message-row';

const base = {
  id: '2001',
  replied_to_id: '',
  thread_id: '2001',
  group_id: '501',
  in_private_conversation: 'false',
  sender_id: '1001',
  sender_type: 'user',
  sender_email: 'Ann.Lee@Example.com',
  body: 'Hello there',
  created_at: '2024-03-04 09:00:00 UTC',
};

describe('readMessageRow', () => {
  it('reads the export time format and ISO 8601 with an offset, and keeps only the body length', () => {
    const result = readMessageRow(base);
    expect(result).toEqual({
      row: expect.objectContaining({ senderEmail: 'ann.lee@example.com', contentLength: 11, deleted: false }),
    });
    expect('row' in result && result.row.createdAt.toISOString()).toBe('2024-03-04T09:00:00.000Z');
    expect('row' in result && 'body' in result.row).toBe(false);
    const iso = readMessageRow({ ...base, created_at: '2024-03-04T10:00:00+01:00' });
    expect('row' in iso && iso.row.createdAt.toISOString()).toBe('2024-03-04T09:00:00.000Z');
  });

  it('refuses a local time, naming the field and value', () => {
    expect(readMessageRow({ ...base, created_at: '2024-03-04 09:00:00' })).toEqual({
      field: 'created_at',
      reason: expect.stringContaining(
        "created_at: '2024-03-04 09:00:00' is not a time as the export writes them",
      ),
    });
  });

  it('needs a sender id for a person, a thread for a reply and an id for a private conversation', () => {
    expect(readMessageRow({ ...base, sender_id: '' })).toMatchObject({ field: 'sender_id' });
    expect(readMessageRow({ ...base, sender_id: '', sender_type: 'bot' })).toHaveProperty('row');
    expect(readMessageRow({ ...base, replied_to_id: '2000', thread_id: '' })).toMatchObject({
      field: 'thread_id',
    });
    expect(readMessageRow({ ...base, in_private_conversation: 'true' })).toMatchObject({
      field: 'conversation_id',
    });
  });

  it('never echoes an e-mail address in a reason', () => {
    const result = readMessageRow({ ...base, sender_email: `ann\uFFFD@example.com` });
    expect(result).toMatchObject({ field: 'sender_email' });
    expect(JSON.stringify(result)).not.toContain('example.com');
  });
});

describe('participantIds and mentions of a row', () => {
  it('reads user:ID participants, distinct, skipping entries of another shape', () => {
    expect(participantIds('user:1001, user:1002,user:1001,group:7,user:x,')).toEqual(['1001', '1002']);
    expect(participantIds('')).toEqual([]);
    expect(participantIds(undefined)).toEqual([]);
  });

  it('stops at MAX_PARTICIPANTS', () => {
    const many = Array.from({ length: MAX_PARTICIPANTS + 10 }, (_, i) => `user:${i + 1}`).join(',');
    // 510 listed, 500 read: 1 .. 500.
    const ids = participantIds(many);
    expect(ids).toHaveLength(MAX_PARTICIPANTS);
    expect(ids.at(-1)).toBe(String(MAX_PARTICIPANTS));
  });

  it('keeps the mentioned ids of the body, never the body', () => {
    const result = readMessageRow({ ...base, body: 'Thanks [[user:1002]]', participants: 'user:1003' });
    expect(result).toEqual({
      row: expect.objectContaining({
        mentionedUserIds: ['1002'],
        participantIds: ['1003'],
        contentLength: 20,
      }),
    });
    expect(JSON.stringify(result)).not.toContain('Thanks');
  });
});
