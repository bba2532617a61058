import {
  defineConnector,
  readCheckpoint,
  type ConnectorMessage,
  type ReadContext,
} from '@uptake/connector-sdk';
import { generateDemoOrganisation, type DemoUsage, type EmailMetric } from '@uptake/demo';
import { z } from 'zod';

const demoSettings = z.strictObject({
  seed: z.number().int().optional(),
  people: z.number().int().min(50).max(200_000).optional(),
  // The pilot runs in the 2nd and 5th departments.
  departments: z.number().int().min(5).max(100).optional(),
  start: z.iso.date().optional(),
  /** The history's last day instead of a start (whole weeks from a Monday; `npm start` gives yesterday). */
  endDate: z.iso.date().optional(),
  days: z.number().int().min(7).max(3_650).optional(),
  /** Scale the event stream to about this many events (benchmarks). */
  targetEvents: z.number().int().min(1).max(1_000_000_000).optional(),
  /** Daily e-mails sent per person (the business case's baseline), on the usage stream; default true. */
  emailUsage: z.boolean().optional(),
  /** Also daily e-mails read (doubles the usage rows, so off by default); only with emailUsage. */
  emailRead: z.boolean().optional(),
  /**
   * One figure per person, metric and day (as the Microsoft 365 report gives them) instead of the default one
   * per week (dated its Monday). Every reader of usage figures sums them by week (the e-mail goal KPI, the
   * business case's panels), so weekly rows give the same answers with a fifth of the rows: the quick start
   * loads in seconds instead of a minute.
   */
  emailDaily: z.boolean().optional(),
});

/** Records (events, usage figures) between checkpoints: the generator is cheap to replay, so resuming skips this many. */
const CHECKPOINT_EVERY = 2_000;

/**
 * The simulated demo company as a data source: the quick start loads it through the same pipeline as
 * every real connector. Deterministic for its settings, so re-reading stores nothing new.
 */
export const demoConnector = defineConnector({
  type: 'demo',
  title: 'Demo organisation (simulated)',
  input: 'api',
  settingsSchema: demoSettings,
  credentialsSchema: z.strictObject({}),
  streams: ['directory', 'groups', 'activity', 'usage'],
  async *read(context): AsyncGenerator<ConnectorMessage> {
    const {
      targetEvents,
      emailUsage = true,
      emailRead = false,
      emailDaily = false,
      ...options
    } = context.settings;
    const demo = generateDemoOrganisation(options);
    for (const unit of parentsFirst(demo.orgUnits)) yield { kind: 'orgUnit', record: unit };
    for (const person of demo.people) yield { kind: 'person', record: { ...person } };
    yield { kind: 'checkpoint', stream: 'directory', state: { people: demo.people.length } };
    for (const group of demo.groups) {
      yield { kind: 'group', record: { ...group, isPrivate: false } };
    }
    yield { kind: 'checkpoint', stream: 'groups', state: { groups: demo.groups.length } };

    const metrics: EmailMetric[] = emailRead ? ['email.sent', 'email.read'] : ['email.sent'];
    const events = targetEvents ?? demo.expectedEvents();
    // One progress bar over both streams: the events, then the usage figures.
    const dailyUsage = emailUsage ? demo.expectedUsage({ metrics }) : 0;
    // A week's rows become one: about a fifth (working days), a little more for weekend mail.
    const total = events + (emailDaily ? dailyUsage : Math.ceil(dailyUsage / 5));
    const activity = yield* resumable(
      context,
      'activity',
      demo.events({ targetEvents }),
      (event) => {
        const { targetActorExternalId, ...rest } = event;
        return { kind: 'activity', record: { ...rest, targetExternalId: targetActorExternalId, count: 1 } };
      },
      (position) => context.progress(position, total),
    );
    if (activity === null) return;
    if (emailUsage) {
      const usage = yield* resumable(
        context,
        'usage',
        emailDaily ? demo.usage({ metrics }) : weeklyTotals(demo.usage({ metrics })),
        (record) => ({
          kind: 'usage',
          record,
        }),
        (position) => context.progress(activity + position, total),
      );
      if (usage === null) return;
      context.progress(activity + usage, activity + usage);
    } else {
      context.progress(activity, activity);
    }
  },
});

/** Checkpoint of the activity and usage streams: the records generated so far, in the generator's fixed order. */
const positionCheckpoint = z.object({ position: z.number().int().nonnegative() });

type DemoContext = Pick<ReadContext<unknown, unknown>, 'state' | 'signal'>;

/**
 * One stream of the generator, resumable by position: skips what the stored checkpoint covers (the
 * generator is deterministic and cheap to replay), yields the rest with a checkpoint every CHECKPOINT_EVERY
 * records and one at the end. Returns the stream's length, or null when the read was aborted (no final
 * checkpoint then: the next run resumes from the last one).
 */
async function* resumable<T>(
  context: DemoContext,
  stream: 'activity' | 'usage',
  records: Iterable<T>,
  message: (record: T) => ConnectorMessage,
  progress: (position: number) => void,
): AsyncGenerator<ConnectorMessage, number | null> {
  const resumeAfter =
    readCheckpoint('demo', stream, positionCheckpoint, context.state[stream])?.position ?? 0;
  let position = 0;
  for (const record of records) {
    position++;
    if (position <= resumeAfter) continue;
    if (context.signal.aborted) return null;
    yield message(record);
    if (position % CHECKPOINT_EVERY === 0) {
      yield { kind: 'checkpoint', stream, state: { position } };
      progress(position);
    }
  }
  yield { kind: 'checkpoint', stream, state: { position } };
  return position;
}

/** Monday of the week of an ISO day (UTC). */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * Daily usage figures summed per person, metric and week (Monday..Sunday), dated the week's Monday. The
 * generator goes day by day, so a week's sums are complete when the next week's first day arrives: at most
 * one week of people × metrics is held. Deterministic, so resuming by position still works.
 */
export function* weeklyTotals(daily: Iterable<DemoUsage>): Generator<DemoUsage> {
  let week: string | null = null;
  let sums = new Map<string, DemoUsage>();
  for (const figure of daily) {
    const monday = mondayOf(figure.day);
    if (monday !== week) {
      yield* sums.values();
      sums = new Map();
      week = monday;
    }
    const key = `${figure.personExternalId}\u0000${figure.metric}`;
    const sum = sums.get(key);
    if (sum) sum.value += figure.value;
    else sums.set(key, { ...figure, day: monday });
  }
  yield* sums.values();
}

/** Parents before children, as the pipeline requires. */
function parentsFirst<T extends { externalId: string; parentExternalId: string | null }>(units: T[]): T[] {
  const byId = new Map(units.map((unit) => [unit.externalId, unit]));
  const depth = (id: string | null): number =>
    id === null ? 0 : 1 + depth(byId.get(id)?.parentExternalId ?? null);
  return [...units].sort((a, b) => depth(a.externalId) - depth(b.externalId));
}
