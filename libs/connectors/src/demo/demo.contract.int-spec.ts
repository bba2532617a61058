import type { ConnectorMessage, UsageRecord } from '@uptake/connector-sdk';
import { generateDemoOrganisation } from '@uptake/demo';
import { ingest } from '@uptake/ingest';
import {
  createScratchSource,
  describeConnectorContract,
  earlierSettingsFixture,
  readAll,
  stateAfter,
} from '@uptake/ingest/testing';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { demoConnector, weeklyTotals } from '.';

const settings = { seed: 7, people: 120, departments: 5, days: 40, start: '2026-01-05' };
const demo = generateDemoOrganisation(settings);
// The generator's own streams are the source of truth for a simulated source.
let events = 0;
for (const _event of demo.events()) events++;
/** The default usage: 'email.sent' only (settings.emailRead is off). */
const sent = [...demo.usage({ metrics: ['email.sent'] })];
/** What the connector yields by default: the same figures summed per person and week. */
const weekly = [...weeklyTotals(sent)];
/** The usage-stream tests below read the daily figures (emailDaily), one per person, metric and day. */
const daily = { ...settings, emailDaily: true };

describeConnectorContract(
  'demo',
  () => ({
    connector: demoConnector,
    earlierSettings: earlierSettingsFixture(__dirname),
    corruptCheckpoints: [{ position: '3' }],
    settings,
    expected: {
      activities: events,
      usage: weekly.length,
      people: demo.people.length,
      groups: demo.groups.length,
    },
    invalidConfig: { settings: { people: 3 }, field: 'settings.people' },
  }),
  { malformedInput: false },
);

const usageOf = (messages: readonly ConnectorMessage[]): UsageRecord[] =>
  messages.flatMap((m) => (m.kind === 'usage' ? [m.record] : []));
const keyOf = (u: UsageRecord) => `${u.personExternalId} ${u.day} ${u.metric}`;

describe('demo connector e-mail usage stream', () => {
  let dataSource: DataSource;
  const organisations: string[] = [];
  const contract = { connector: demoConnector };
  const scratch = async () => {
    const scope = await createScratchSource(dataSource, 'demo');
    organisations.push(scope.organisationId);
    return scope;
  };
  const stored = async (organisationId: string) =>
    (await dataSource.query(
      `SELECT p.pseudonym, to_char(u.day, 'YYYY-MM-DD') AS day, u.metric, u.value::float8 AS value
       FROM usage_metrics u JOIN people p ON p.id = u.person_id
       WHERE u.organisation_id = $1 ORDER BY 1, 2, 3`,
      [organisationId],
    )) as { pseudonym: string; day: string; metric: string; value: number }[];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });

  afterAll(async () => {
    if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource?.destroy();
  });

  it('yields every figure of the generator after the activity, with position checkpoints', async () => {
    const messages = await readAll(contract, { settings: daily });
    const lastActivity = messages.findLastIndex((m) => m.kind === 'activity');
    const firstUsage = messages.findIndex((m) => m.kind === 'usage');
    expect(firstUsage).toBeGreaterThan(lastActivity);
    expect(usageOf(messages)).toEqual(sent);
    // 120 people over 124 days: a working-day row each, a few off-day rows (seed 7: a few thousand in all)
    expect(sent.length).toBeGreaterThan(8_000);
    const checkpoints = messages.flatMap((m) =>
      m.kind === 'checkpoint' && m.stream === 'usage' ? [m.state] : [],
    );
    // one every 2,000 figures, and the last at the end
    expect(checkpoints).toHaveLength(Math.floor(sent.length / 2_000) + 1);
    expect(checkpoints.at(-1)).toEqual({ position: sent.length });
  });

  it('stores the figures, replaces them on a re-read, and adds e-mails read only when asked', async () => {
    const scope = await scratch();
    const first = await ingest(dataSource, scope, replay(await readAll(contract, { settings: daily })));
    expect(first.usage).toBe(sent.length);
    const rows = await stored(scope.organisationId);
    expect(rows).toHaveLength(sent.length);
    // Stored under pseudonyms: the values arrive unchanged (their sum is the generator's).
    const total = (values: { value: number }[]) => values.reduce((sum, u) => sum + u.value, 0);
    expect(total(rows)).toBe(total(sent));

    // A re-read upserts the same keys: nothing new, the values as they were.
    const again = await ingest(dataSource, scope, replay(await readAll(contract, { settings: daily })));
    expect(again.inserted).toBe(0);
    expect(await stored(scope.organisationId)).toEqual(rows);

    // With e-mails read: the sent figures stay exactly as they were, the read ones come on top.
    const withRead = { ...daily, emailRead: true };
    const read = [...demo.usage({ metrics: ['email.read'] })];
    await ingest(dataSource, scope, replay(await readAll(contract, { settings: withRead })));
    const after = await stored(scope.organisationId);
    expect(after).toHaveLength(sent.length + read.length);
    expect(after.filter((u) => u.metric === 'email.sent')).toEqual(rows);
    expect(total(after.filter((u) => u.metric === 'email.read'))).toBe(total(read));
  });

  it('resumes midway through the usage stream: every figure once, nothing stored twice', async () => {
    const all = await readAll(contract, { settings: daily });
    const checkpoints = all.filter((m) => m.kind === 'checkpoint' && m.stream === 'usage').length;
    expect(checkpoints).toBeGreaterThanOrEqual(3);
    const head = await readAll(contract, { settings: daily }, {}, { stream: 'usage', count: 2 });
    const tail = await readAll(contract, { settings: daily }, stateAfter(head));
    // The head stops at the second usage checkpoint (4,000 figures); the tail has no events and the rest.
    expect(usageOf(head)).toHaveLength(4_000);
    expect(tail.some((m) => m.kind === 'activity')).toBe(false);
    expect(usageOf(tail)).toHaveLength(sent.length - 4_000);
    expect([...usageOf(head), ...usageOf(tail)].map(keyOf)).toEqual(sent.map(keyOf));

    const scope = await scratch();
    const results = [
      await ingest(dataSource, scope, replay(head)),
      await ingest(dataSource, scope, replay(tail), { initialState: stateAfter(head) }),
    ];
    // rowCount of the upserts: each figure written once across both attempts
    expect(results[0].usage + results[1].usage).toBe(sent.length);
    expect(await stored(scope.organisationId)).toHaveLength(sent.length);
  });

  it('sums the figures per person, metric and week by default, dated the Monday', async () => {
    const messages = await readAll(contract, { settings });
    const figures = usageOf(messages);
    expect(figures).toEqual(weekly);
    // Every day of the daily figures lands in its week's Monday row: the sums per person and week agree.
    const byWeek = new Map<string, number>();
    for (const figure of sent) {
      const monday = new Date(`${figure.day}T00:00:00Z`);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const key = `${figure.personExternalId} ${monday.toISOString().slice(0, 10)}`;
      byWeek.set(key, (byWeek.get(key) ?? 0) + figure.value);
    }
    expect(new Map(figures.map((f) => [`${f.personExternalId} ${f.day}`, f.value]))).toEqual(byWeek);
    expect(figures.every((f) => new Date(`${f.day}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    // about a fifth of the rows (five working days a week)
    expect(figures.length).toBeLessThan(sent.length / 4);
  });

  it('has no usage stream when emailUsage is off', async () => {
    const messages = await readAll(contract, { settings: { ...settings, emailUsage: false } });
    expect(usageOf(messages)).toEqual([]);
    expect(messages.some((m) => m.kind === 'checkpoint' && m.stream === 'usage')).toBe(false);
    expect(messages.filter((m) => m.kind === 'activity')).toHaveLength(events);
  });
});

async function* replay(messages: readonly ConnectorMessage[]): AsyncIterable<ConnectorMessage> {
  yield* messages;
}
