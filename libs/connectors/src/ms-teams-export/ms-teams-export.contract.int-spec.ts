import { HttpClient } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture, readAll } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { startFakeTeamsGraph } from '../ms-teams/fake-teams-graph';
import { msTeamsConnector } from '../ms-teams';
import { createMsTeamsExportConnector } from '.';
import { fixtureFile, zipFixture } from './testing';

/*
 * fixtures/export is ../ms-teams/fixtures/tenant.json as the Teams Export APIs return it (fixtures/README.md):
 * the channel messages and replies (with replyToId) in two Graph pages, newest first (replies before their
 * roots), the chat messages as an array, the users as a Graph page, and an attachment. 16 channel activities
 * + 5 chat activities = 21; 3 channels and 2 chats as groups.
 */
const connector = createMsTeamsExportConnector({ checkpointEvery: 4, limits: { maxMessageBytes: 4096 } });
type Messages = Awaited<ReturnType<typeof readAll>>;
const activities = (messages: Messages) => messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
const warnings = (messages: Messages) =>
  messages.flatMap((m) => (m.kind === 'warning' ? [[m.warning.code, m.warning.count]] : []));

let exportZip: Awaited<ReturnType<typeof zipFixture>>;
let malformedZip: Awaited<ReturnType<typeof zipFixture>>;
beforeAll(async () => {
  exportZip = await zipFixture('export');
  // A message with a byte that is no UTF-8 (0xff), added here: a fixture file would not stay so.
  const badUtf8 = Buffer.concat([
    Buffer.from('[{"id":"1711448000000","body":{"content":"'),
    Buffer.from([0xff]),
    Buffer.from('"}}]'),
  ]);
  malformedZip = await zipFixture('malformed', [['bad-utf8.json', badUtf8]]);
});

describeConnectorContract('ms-teams-export (Teams Export API chatMessage JSON)', () => ({
  connector,
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: {},
  file: () => exportZip,
  expected: {
    activities: 21,
    groups: 5,
    warnings: [
      // the Workflows app's message in General and the one in the group chat
      { code: 'ms-teams.app-messages', count: 2 },
      { code: 'ms-teams.deleted-thread-root', count: 1 },
      { code: 'ms-teams.unknown-message-type.unknownFutureValue', count: 1 },
      // Gina, who reacted in Launch secrets, is not in users.json
      { code: 'ms-teams-export.identity-fallback', count: 1 },
      // attachments/README.txt
      { code: 'ms-teams-export.skipped-entries', count: 1 },
    ],
  },
  invalidConfig: { settings: { maxMessagesPerFile: 0 }, field: 'settings.maxMessagesPerFile' },
  malformed: {
    settings: {},
    file: () => malformedZip,
    // Anna's post (messages.json 1) and Ben's (cut.json 1)
    expectedActivities: 2,
    expectedProblems: [
      { file: 'bad-utf8.json', line: 1, reasonIncludes: 'not valid UTF-8' },
      { file: 'cut.json', line: 2, reasonIncludes: 'ends inside its JSON' },
      { file: 'messages.json', line: 2, field: 'id', reasonIncludes: 'no id' },
      {
        file: 'messages.json',
        line: 3,
        field: 'channelIdentity.channelId',
        reasonIncludes: 'neither a channel nor a chat',
      },
      { file: 'messages.json', line: 4, reasonIncludes: 'larger than 4 KB' },
      { file: 'messages.json', line: 5, field: 'createdDateTime', reasonIncludes: 'is not a date-time' },
      { file: 'single-message.json', line: 1, reasonIncludes: 'neither a JSON array' },
    ],
  },
}));

describe('ms-teams-export', () => {
  const contract = { connector };

  it('maps an export exactly as the ms-teams connector maps the same tenant read through Graph', async () => {
    const credentials = {
      clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34',
      clientSecret: 'fake-secret-value',
    };
    const graph = await startFakeTeamsGraph({
      tenants: { tenant: join(__dirname, '../ms-teams/fixtures/tenant.json') },
      tenantId: 'contoso.onmicrosoft.com',
      ...credentials,
      pageSize: 2,
    });
    try {
      const api = await readAll(
        { connector: msTeamsConnector, http: () => new HttpClient({ baseDelayMs: 1 }) },
        {
          settings: {
            baseUrl: graph.url(),
            tokenUrl: graph.tokenUrl,
            tenantId: 'contoso.onmicrosoft.com',
            includeChats: true,
          },
          credentials,
        },
      );
      const upload = await readAll(contract, { settings: {}, file: () => exportZip });
      const byId = (messages: Messages) =>
        activities(messages)
          .map((r) => JSON.stringify(r))
          .sort();
      expect(byId(upload)).toHaveLength(21);
      expect(byId(upload)).toEqual(byId(api));
    } finally {
      await graph.close();
    }
  });

  it('reads one Graph page uploaded alone; without users.json people keep their object id', async () => {
    const messages = await readAll(contract, {
      settings: {},
      file: () => fixtureFile('export/teams-getAllMessages-2.json'),
    });
    // The 7 older channel messages: Anna's reply to the deleted root 1, the deleted root 0, Ben's edited post
    // 1, Chloe's reply and Anna's like of it 2, Ben's reply 1, the system event 0, Anna's post with its
    // mention of Ben and two reactions 4 = 9
    expect(activities(messages)).toHaveLength(9);
    expect(new Set(activities(messages).map((r) => r.actorExternalId))).toEqual(
      new Set([
        'entra-object-id:a1b2c3d4-0001-4000-8000-000000000001',
        'entra-object-id:a1b2c3d4-0002-4000-8000-000000000002',
        'entra-object-id:a1b2c3d4-0003-4000-8000-000000000003',
      ]),
    );
    // Anna, Ben and Chloe; the deleted root's thread is told once
    expect(warnings(messages)).toEqual(
      expect.arrayContaining([
        ['ms-teams-export.identity-fallback', 3],
        ['ms-teams.deleted-thread-root', 1],
      ]),
    );
  });

  it('reads at most maxMessagesPerFile of each file, and says so', async () => {
    const messages = await readAll(contract, { settings: { maxMessagesPerFile: 2 }, file: () => exportZip });
    // chats: Anna's message and Ben's heart 2, Ben's 1; teams page 1: the two Leadership posts 2; page 2:
    // Anna's reply to the deleted root 1 (the root itself is nothing) = 6
    expect(activities(messages)).toHaveLength(6);
    expect(warnings(messages).filter(([code]) => code === 'ms-teams-export.file-cut')).toHaveLength(3);
  });

  it('keeps the replies of a root the upload does not hold in their thread, without a target', async () => {
    const messages = await readAll(contract, {
      settings: { maxMessagesPerFile: 3 },
      file: () => fixtureFile('export/teams-getAllMessages-1.json'),
    });
    // Leadership's two posts, then Anna's reply 1711462200000 whose root is the 4th message: not read
    const reply = activities(messages).find((r) => r.type === 'reply');
    expect([
      reply?.externalId.endsWith(':1711462200000'),
      reply?.threadExternalId?.endsWith(':1711461600000'),
      reply?.targetExternalId,
    ]).toEqual([true, true, null]);
    expect(warnings(messages)).toContainEqual(['ms-teams-export.root-not-in-upload', 1]);
  });
});
