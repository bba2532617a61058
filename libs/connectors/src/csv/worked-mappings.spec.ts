import type { ActivityRecord, ConnectorMessage } from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCsvActivityConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';
import { DISCOURSE_SETTINGS, MATTERMOST_SETTINGS, VIVA_ENGAGE_SETTINGS } from './fixtures/worked-mappings';

const fixtures = join(__dirname, 'fixtures');
const connector = createCsvActivityConnector();

async function read(folder: string, name: string, settings: unknown): Promise<ConnectorMessage[]> {
  return readAll({ connector }, { settings, file: () => fixtureFile(join(fixtures, folder), name) });
}

const activities = (messages: ConnectorMessage[]) =>
  messages.flatMap((message) => (message.kind === 'activity' ? [message.record] : []));
const warnings = (messages: ConnectorMessage[]) =>
  messages.flatMap((message) => (message.kind === 'warning' ? [message.warning] : []));
const brief = (record: ActivityRecord) =>
  [record.type, record.actorExternalId, record.occurredAt.toISOString(), record.groupExternalId ?? '-'].join(
    ' ',
  );

describe('worked mapping: Mattermost bulk export (import.jsonl)', () => {
  let messages: ConnectorMessage[];
  beforeAll(async () => {
    messages = await read('mattermost', 'import.jsonl', MATTERMOST_SETTINGS);
  });

  it('reads posts, their nested replies and reactions, joins and direct messages (hand-counted in fixtures/README.md)', () => {
    expect(messages.filter((message) => message.kind === 'invalid')).toEqual([]);
    expect(activities(messages).map(brief)).toEqual([
      'post ann 2026-03-02T08:00:00.000Z acme/town-square',
      'reply bob 2026-03-02T08:05:30.000Z acme/town-square',
      'reply cara 2026-03-02T08:09:15.000Z acme/town-square',
      'reaction bob 2026-03-02T08:07:00.000Z acme/town-square',
      'reaction cara 2026-03-02T08:20:00.000Z acme/town-square',
      'join bob 2026-03-02T09:00:00.000Z acme/dev',
      'post bob 2026-03-02T09:30:00.000Z acme/dev',
      'chat ann 2026-03-02T10:00:00.000Z -',
      'chat bob 2026-03-02T10:04:00.000Z -',
      'chat bob 2026-03-02T10:05:00.000Z -',
    ]);
  });

  it('gives replies and reactions the thread of their post, and the post author as target', () => {
    const [post, reply, , reaction] = activities(messages);
    expect(post.threadExternalId).toBeNull();
    expect(reply.threadExternalId).toBe(post.externalId);
    expect(reaction.threadExternalId).toBe(post.externalId);
    expect([reply.targetExternalId, reaction.targetExternalId]).toEqual(['ann', 'ann']);
    const [chat, chatReply] = activities(messages).slice(7);
    expect(chatReply.threadExternalId).toBe(chat.externalId);
  });

  it('stores hashed ids (usernames are in the parts) and the message length, never the text', () => {
    const records = activities(messages);
    for (const record of records) expect(record.externalId).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(records.map((record) => record.externalId)).size).toBe(records.length);
    expect(records[0].contentLength).toBe('Welcome to the new workspace!'.length);
    expect(records[3].contentLength).toBeNull();
    expect(JSON.stringify(messages)).not.toContain('Welcome to the new workspace');
  });

  it('skips the other lines on purpose and lists the keys it does not read', () => {
    const found = warnings(messages);
    expect(found.find((warning) => warning.code === 'csv.rows-skipped')).toMatchObject({
      file: 'import.jsonl',
      count: 9,
    });
    const ignored = found.find((warning) => warning.code === 'csv.columns-ignored');
    expect(ignored).toMatchObject({ file: 'import.jsonl', count: 1 });
    expect(ignored?.message).toContain('channel, direct_channel, direct_post.attachments');
    expect(ignored?.message).toContain('post.replies.*.reactions');
    expect(ignored?.message).not.toContain('post.message');
  });
});

describe('worked mapping: Discourse user archive (user_archive.csv)', () => {
  it('derives ids, threads and post/reply/chat from the post URL and is_pm', async () => {
    const messages = await read('discourse', 'user_archive.csv', DISCOURSE_SETTINGS);
    expect(messages.filter((message) => message.kind === 'invalid')).toEqual([]);
    expect(
      activities(messages).map((record) => [
        record.externalId,
        record.type,
        record.threadExternalId,
        record.groupExternalId,
      ]),
    ).toEqual([
      ['42/1', 'post', '42/1', 'Announcements'],
      ['42/3', 'reply', '42/1', 'Announcements'],
      ['57/2', 'reply', '57/1', 'Support|Network'],
      ['60/1', 'chat', '60/1', null],
      ['60/2', 'chat', '60/1', null],
      ['61/1', 'post', '61/1', 'Support'],
    ]);
    expect(activities(messages).every((record) => record.actorExternalId === 'ann.lee@example.com')).toBe(
      true,
    );
    expect(warnings(messages)).toEqual([
      {
        code: 'csv.columns-ignored',
        file: 'user_archive.csv',
        count: 1,
        message:
          'Columns the column mapping does not read were ignored on purpose (never stored): topic_title, ' +
          'post_cooked, like_count, reply_count.',
      },
    ]);
  });
});

describe('worked mapping: Viva Engage network export (Messages.csv)', () => {
  it('reads replies by replied_to_id, private messages as chats, and deleted messages as what they were', async () => {
    const messages = await read('viva-engage', 'Messages.csv', VIVA_ENGAGE_SETTINGS);
    expect(messages.filter((message) => message.kind === 'invalid')).toEqual([]);
    expect(
      activities(messages).map(
        (record) => `${record.externalId} ${brief(record)} ${record.threadExternalId}`,
      ),
    ).toEqual([
      '1001 post ann.lee@example.com 2026-03-02T08:00:00.000Z 501 1001',
      '1002 reply bob.ng@example.com 2026-03-02T08:05:30.000Z 501 1001',
      '1003 reply cara.diaz@example.com 2026-03-02T08:09:15.000Z 501 1001',
      '1004 post bob.ng@example.com 2026-03-02T09:00:00.000Z 502 1004',
      '1005 reply ann.lee@example.com 2026-03-02T09:30:00.000Z 502 1004',
      '1006 chat ann.lee@example.com 2026-03-02T10:00:00.000Z - 1006',
      '1007 chat bob.ng@example.com 2026-03-02T10:04:00.000Z - 1006',
      '1008 post 9004 2026-03-02T10:05:00.000Z 501 1008',
    ]);
    const [ignored] = warnings(messages);
    expect(ignored.message).toBe(
      'Columns the column mapping does not read were ignored on purpose (never stored): conversation_id, ' +
        'participants, in_private_group, sender_type, sender_name, api_url, attachments, deleted_by_id, ' +
        'deleted_by_type, deleted_at.',
    );
  });

  it('can leave deleted messages out instead, with a rule (they are then counted as skipped)', async () => {
    const settings = structuredClone(VIVA_ENGAGE_SETTINGS);
    settings.columns.type.rules.unshift({ when: 'deleted_at', present: true, then: 'skip' });
    const messages = await read('viva-engage', 'Messages.csv', settings);
    expect(activities(messages).map((record) => record.externalId)).not.toContain('1004');
    expect(activities(messages)).toHaveLength(7);
    expect(warnings(messages).find((warning) => warning.code === 'csv.rows-skipped')?.count).toBe(1);
  });
});

describe('the README shows the worked mappings exactly as tested', () => {
  const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
  const blockAfter = (heading: string) => {
    const start = readme.indexOf(heading);
    expect(start).toBeGreaterThanOrEqual(0);
    const block = /```json\n([\s\S]*?)```/.exec(readme.slice(start));
    return JSON.parse(block?.[1] ?? 'null');
  };

  it.each([
    ['### Mattermost bulk export', MATTERMOST_SETTINGS],
    ['### Discourse user archive', DISCOURSE_SETTINGS],
    ['### Viva Engage network export', VIVA_ENGAGE_SETTINGS],
  ])('%s', (heading, settings) => {
    expect(blockAfter(heading)).toEqual(settings);
  });
});
