import {
  checkRecord,
  parseConnectorConfig,
  standaloneReadContext,
  type ActivityRecord,
  type ConnectorMessage,
  type ConnectorState,
  type InputFile,
} from '@uptake/connector-sdk';
import { Readable } from 'node:stream';
import { createVivaEngageExportConnector, vivaEngageExportConnector } from '.';
import { lazyText } from '../shared/testing/zip-fixture';
import { zipEntries, zipFixture } from './testing';

async function read(
  file: InputFile,
  settings: unknown = {},
  connector = vivaEngageExportConnector,
  state: ConnectorState = {},
): Promise<ConnectorMessage[]> {
  const config = parseConnectorConfig(connector, settings, {});
  const messages: ConnectorMessage[] = [];
  for await (const message of connector.read(standaloneReadContext({ ...config, file, state }))) {
    messages.push(message);
  }
  return messages;
}

const activities = (messages: ConnectorMessage[]) =>
  new Map(messages.flatMap((m) => (m.kind === 'activity' ? [[m.record.externalId, m.record] as const] : [])));

describe('viva-engage-export', () => {
  let exportZip: InputFile;
  beforeAll(async () => {
    exportZip = await zipFixture('export');
  });

  it('maps posts, replies (target = the sender of the replied-to message, wherever it is in the file) and chats', async () => {
    const byId = activities(await read(exportZip));
    const pick = (id: string) => {
      const record = byId.get(id) as ActivityRecord;
      return [
        record.type,
        record.actorExternalId,
        record.groupExternalId,
        record.threadExternalId,
        record.targetExternalId,
      ];
    };
    // 2005 comes before 2001 in the file: the first pass still knows Ann sent 2001.
    expect(pick('2005')).toEqual(['reply', 'bob.ng@example.com', 'group:501', '2001', 'ann.lee@example.com']);
    expect(pick('2001')).toEqual(['post', 'ann.lee@example.com', 'group:501', '2001', null]);
    // Users.csv has no address for Cara; Messages.csv does (lower-cased).
    expect(pick('2006')).toEqual([
      'reply',
      'cara.diaz@example.com',
      'group:501',
      '2001',
      'bob.ng@example.com',
    ]);
    expect(pick('2008')).toEqual([
      'reply',
      'dan.old@example.com',
      'group:502',
      '2007',
      'ann.lee@example.com',
    ]);
    // Eve has no address anywhere.
    expect(pick('2010')).toEqual(['reply', 'yammer:1006', 'group:503', '2009', 'bob.ng@example.com']);
    expect(pick('2011')).toEqual(['chat', 'ann.lee@example.com', 'conversation:3004', null, null]);
    expect(pick('2012')).toEqual(['chat', 'bob.ng@example.com', 'conversation:3004', null, null]);
    // Deleted: still the activity it was, at created_at; the guest's reply aims at its author.
    expect(pick('2013')).toEqual(['post', 'dan.old@example.com', 'all-company', '2013', null]);
    expect(byId.get('2013')?.occurredAt.toISOString()).toBe('2024-03-05T13:00:00.000Z');
    expect(pick('2014')).toEqual([
      'reply',
      'gus@partner.example',
      'all-company',
      '2013',
      'dan.old@example.com',
    ]);
    // The replied-to message is older than the export.
    expect(pick('2016')).toEqual(['reply', 'ann.lee@example.com', 'group:501', '1990', null]);
    expect(byId.has('2015')).toBe(false);
    expect(byId.has('2017')).toBe(false);
    // 12 messages and 3 mentions (2001: 2, 2014: 1).
    expect(byId.size).toBe(15);
    // Only the body's length is kept (2006's body spans two lines).
    expect(byId.get('2006')?.contentLength).toBe('Welcome Bob!\nLooking forward to it.'.length);
  });

  it('reads [[user:ID]] mentions from bodies: distinct people, never the sender, never in private conversations', async () => {
    const byId = activities(await read(exportZip));
    const mentions = [...byId.values()]
      .filter((record) => record.type === 'mention')
      .map((r) => [
        r.externalId,
        r.actorExternalId,
        r.targetExternalId,
        r.groupExternalId,
        r.threadExternalId,
      ]);
    expect(mentions).toEqual([
      // 2001 names Bob, Cara and Ann herself: 2 mentions, in the post's thread.
      ['2001:mention:1002', 'ann.lee@example.com', 'bob.ng@example.com', 'group:501', '2001'],
      // Cara's key is the one her messages give (Users.csv has no address for her).
      ['2001:mention:1003', 'ann.lee@example.com', 'cara.diaz@example.com', 'group:501', '2001'],
      // 2014 names Dan twice (one mention) and 1777, whom the export does not describe: no second key
      // (yammer:1777) is made up for someone who may have an address elsewhere.
      ['2014:mention:1004', 'gus@partner.example', 'dan.old@example.com', 'all-company', '2013'],
    ]);
    // 2011 (a private conversation) names Bob: no mention; 2015 (a system message) names Eve: none either.
    const unknown = (await read(exportZip)).flatMap((m) =>
      m.kind === 'warning' && m.warning.code === 'viva-engage.unknown-user-referenced'
        ? [m.warning.count]
        : [],
    );
    // 1888 (a participant of 2009) once, as the groups are yielded; 1777 (named by 2014) once, with the
    // checkpoint after it.
    expect(unknown).toEqual([1, 1]);
    expect(byId.has('2011:mention:1002')).toBe(false);
    expect(byId.has('2015:mention:1006')).toBe(false);
    expect(byId.get('2001:mention:1002')?.occurredAt.toISOString()).toBe('2024-03-04T09:00:00.000Z');
    expect(byId.get('2001:mention:1002')?.contentLength).toBeNull();
  });

  it('infers community members from who posted, replied or took part, from their first message on', async () => {
    const messages = await read(exportZip);
    const members = Object.fromEntries(
      messages.flatMap((m) =>
        m.kind === 'group'
          ? [
              [
                m.record.externalId,
                m.record.memberExternalIds === null
                  ? null
                  : m.record.memberExternalIds.map(
                      (key, i) => `${key} ${m.record.memberJoinedAt?.[i]?.toISOString().slice(5, 16)}`,
                    ),
              ],
            ]
          : [],
      ),
    );
    expect(members).toEqual({
      // 2001 Ann 09:00, 2005 Bob 09:30, 2006 Cara 09:45; Ann's 2016 (03-06) is later; the system message and
      // the integration's are no one's.
      'group:501': [
        'ann.lee@example.com 03-04T09:00',
        'bob.ng@example.com 03-04T09:30',
        'cara.diaz@example.com 03-04T09:45',
      ],
      'group:502': ['ann.lee@example.com 03-04T10:00', 'dan.old@example.com 03-04T10:15'],
      // 2009: Bob sends, Cara is a participant (1888 is no user of the export, group:7 no person); 2010 Eve
      // replies.
      'group:503': [
        'bob.ng@example.com 03-05T08:00',
        'cara.diaz@example.com 03-05T08:00',
        'yammer:1006 03-05T08:30',
      ],
      // Dan's deleted post counts as he wrote it; mentioned people (1777) are not members.
      'all-company': ['dan.old@example.com 03-05T13:00', 'gus@partner.example 03-05T14:00'],
      // A private conversation is no community: no members.
      'conversation:3004': null,
    });
  });

  it('yields group records the SDK accepts, with one join time per member', async () => {
    const groups = (await read(exportZip)).flatMap((m) => (m.kind === 'group' ? [m] : []));
    expect(groups.map((group) => checkRecord(group))).toEqual(groups.map(() => null));
    const [engineering] = groups;
    // 3 members, 2 times: refused, naming the field.
    const broken = {
      ...engineering,
      record: { ...engineering.record, memberJoinedAt: engineering.record.memberJoinedAt?.slice(1) },
    };
    expect(checkRecord(broken)).toMatchObject({ location: { field: 'memberJoinedAt' } });
  });

  it('bounds the inferred memberships, saying how many were left out', async () => {
    const connector = createVivaEngageExportConnector({ maxInferredMemberships: 4 });
    const messages = await read(exportZip, {}, connector);
    const listed = messages.flatMap((m) =>
      m.kind === 'group'
        ? (m.record.memberExternalIds ?? []).map((key) => `${m.record.externalId} ${key}`)
        : [],
    );
    // File order: 2005 Bob@501, 2001 Ann@501, 2006 Cara@501, 2007 Ann@502 fill the 4; then Dan@502, Bob,
    // Cara and 1888 @503 (2009), Eve@503, Dan and Gus @all-company are 7 left out (Ann's 2016 in 501 is
    // known already).
    expect(listed).toEqual([
      'group:501 ann.lee@example.com',
      'group:501 bob.ng@example.com',
      'group:501 cara.diaz@example.com',
      'group:502 ann.lee@example.com',
    ]);
    const warning = messages.find(
      (m) => m.kind === 'warning' && m.warning.code === 'viva-engage.memberships-bound',
    );
    expect(warning).toMatchObject({ warning: { count: 7, file: 'Messages.csv' } });
  });

  it('stores private communities and conversations without their names, and never any text', async () => {
    const messages = await read(exportZip);
    const groups = messages.flatMap((m) => (m.kind === 'group' ? [m.record] : []));
    expect(groups.map((g) => [g.externalId, g.name, g.kind, g.isPrivate])).toEqual([
      ['group:501', 'Engineering', 'community', false],
      ['group:502', 'Private community', 'community', true],
      ['group:503', 'Sales Chat', 'community', false],
      ['all-company', 'All Company', 'community', false],
      ['conversation:3004', 'Private conversation', 'group', true],
    ]);
    const stored = JSON.stringify(messages);
    for (const text of [
      'Leadership',
      'Kick-off',
      'Lunch?',
      'Ann Lee',
      'Board topics',
      'Build bot',
      '[[user',
    ]) {
      expect(stored).not.toContain(text);
    }
  });

  it('feeds the directory from Users.csv only when settings say so', async () => {
    expect((await read(exportZip)).filter((m) => m.kind === 'person' || m.kind === 'orgUnit')).toEqual([]);
    const messages = await read(exportZip, { directory: 'users-csv' });
    const people = messages.flatMap((m) => (m.kind === 'person' ? [m.record] : []));
    expect(
      people.map((p) => [p.externalId, p.orgUnitExternalId, p.location, p.startDate, p.endDate]),
    ).toEqual([
      ['ann.lee@example.com', 'viva-engage-department:Engineering', 'Berlin', '2023-01-10', null],
      ['bob.ng@example.com', 'viva-engage-department:Sales', 'London', '2023-02-01', null],
      // Cara's address comes from Messages.csv: the same key as her messages.
      ['cara.diaz@example.com', 'viva-engage-department:Engineering', 'Berlin', '2023-03-15', null],
      ['dan.old@example.com', 'viva-engage-department:Finance', 'Paris', '2022-11-01', '2024-03-20'],
      ['yammer:1006', 'viva-engage-department:Finance', 'Madrid', '2023-06-01', null],
    ]);
    expect(messages.filter((m) => m.kind === 'orgUnit')).toHaveLength(3);
  });

  it('fails without Users.csv when it is the directory, and without Messages.csv at all', async () => {
    const onlyMessages = await zipEntries('messages-only.zip', [
      [
        'Messages.csv',
        'id,replied_to_id,thread_id,group_id,in_private_conversation,sender_id,sender_type,created_at\n',
      ],
    ]);
    await expect(read(onlyMessages, { directory: 'users-csv' })).rejects.toThrow(
      "messages-only.zip has no Users.csv, which settings.directory 'users-csv' reads",
    );
    expect(await read(onlyMessages)).toEqual([
      { kind: 'checkpoint', stream: 'groups', state: { groups: 0 } },
      { kind: 'checkpoint', stream: 'activity', state: { line: 0 } },
    ]);
    const notAnExport = await zipEntries('slack.zip', [['channels.json', '[]']]);
    await expect(read(notAnExport)).rejects.toThrow('slack.zip is not a Viva Engage network data export');
    const missingColumn = await zipEntries('old.zip', [['Messages.csv', 'id,sender_id,created_at\n1,2,x\n']]);
    await expect(read(missingColumn)).rejects.toThrow(
      'old.zip: Messages.csv: the header has no column replied_to_id, thread_id, group_id',
    );
  });

  it('fails an entry that inflates past its limit, naming it, whatever the table of contents says', async () => {
    const connector = createVivaEngageExportConnector({ limits: { maxMessagesBytes: 64 * 1024 } });
    const header =
      'id,replied_to_id,thread_id,group_id,in_private_conversation,sender_id,sender_type,created_at\n';
    const row = Buffer.from('1,,1,501,false,1001,user,2024-03-04 09:00:00 UTC\n');
    const big = await zipEntries('big.zip', [
      [
        'Messages.csv',
        () =>
          Readable.from(
            (function* () {
              yield Buffer.from(header);
              for (let index = 0; index < 4_000; index++) yield row;
            })(),
          ),
      ],
    ]);
    await expect(read(big, {}, connector)).rejects.toThrow('Messages.csv inflates to more than 65536 bytes');
  });

  it('resumes after its checkpoint line and keeps reply targets of messages before it', async () => {
    const connector = createVivaEngageExportConnector({ checkpointEvery: 3 });
    // 2008 is on line 7 (2006 spans lines 4-5): the read goes on with 2009, a reply to 2009 read before.
    const tail = await read(exportZip, {}, connector, { activity: { line: 7 } });
    const byId = activities(tail);
    expect([...byId.keys()]).toEqual([
      '2009',
      '2010',
      '2011',
      '2012',
      '2013',
      '2014',
      '2014:mention:1004',
      '2016',
    ]);
    expect(byId.get('2010')?.targetExternalId).toBe('bob.ng@example.com');
  });

  it('quarantines each bad row once: a resumed read does not repeat the problems of Users.csv', async () => {
    const malformed = await zipFixture('malformed');
    const problems = (messages: ConnectorMessage[]) =>
      messages.flatMap((m) =>
        m.kind === 'invalid' ? [`${m.problem.location.file}:${m.problem.location.line}`] : [],
      );
    const connector = createVivaEngageExportConnector({ checkpointEvery: 3 });
    expect(problems(await read(malformed, {}, connector))).toEqual([
      'Users.csv:3',
      'Messages.csv:3',
      'Messages.csv:4',
      'Messages.csv:5',
      'Messages.csv:6',
      'Messages.csv:7',
      'Messages.csv:9',
    ]);
    const resumed = await read(malformed, {}, connector, { activity: { line: 4 } });
    expect(problems(resumed)).toEqual([
      'Messages.csv:5',
      'Messages.csv:6',
      'Messages.csv:7',
      'Messages.csv:9',
    ]);
  });

  it('reads an export inside a top-level folder, skipping what it does not read with a warning', async () => {
    const nested = await zipFixture('export', {
      under: 'Export 2024-03/',
      extra: [['Export 2024-03/log.txt', lazyText(() => 'done')]],
    });
    const messages = await read(nested);
    expect(activities(messages).size).toBe(15);
    const skipped = messages.flatMap((m) =>
      m.kind === 'warning' && m.warning.code === 'viva-engage.skipped-entry' ? [m.warning.file] : [],
    );
    expect(skipped).toEqual(['Admins.csv', 'Files.csv', 'Networks.csv', 'Topics.csv', 'files/', 'log.txt']);
  });
});
