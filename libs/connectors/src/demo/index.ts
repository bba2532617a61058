import { defineConnector, readCheckpoint, type ConnectorMessage } from '@uptake/connector-sdk';
import { generateDemoOrganisation } from '@uptake/demo';
import { z } from 'zod';

const demoSettings = z.strictObject({
  seed: z.number().int().optional(),
  people: z.number().int().min(50).max(200_000).optional(),
  // The pilot runs in the 2nd and 5th departments.
  departments: z.number().int().min(5).max(100).optional(),
  start: z.iso.date().optional(),
  days: z.number().int().min(7).max(3_650).optional(),
  /** Scale the event stream to about this many events (benchmarks). */
  targetEvents: z.number().int().min(1).max(1_000_000_000).optional(),
});

/** Events between checkpoints: the generator is cheap to replay, so resuming skips this many. */
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
  streams: ['directory', 'groups', 'activity'],
  async *read(context): AsyncGenerator<ConnectorMessage> {
    const { targetEvents, ...options } = context.settings;
    const demo = generateDemoOrganisation(options);
    for (const unit of parentsFirst(demo.orgUnits)) yield { kind: 'orgUnit', record: unit };
    for (const person of demo.people) yield { kind: 'person', record: { ...person } };
    yield { kind: 'checkpoint', stream: 'directory', state: { people: demo.people.length } };
    for (const group of demo.groups) {
      yield { kind: 'group', record: { ...group, isPrivate: false } };
    }
    yield { kind: 'checkpoint', stream: 'groups', state: { groups: demo.groups.length } };

    const resumeAfter =
      readCheckpoint('demo', 'activity', positionCheckpoint, context.state.activity)?.position ?? 0;
    const total = targetEvents ?? demo.expectedEvents();
    let position = 0;
    for (const event of demo.events({ targetEvents })) {
      position++;
      if (position <= resumeAfter) continue;
      if (context.signal.aborted) return;
      const { targetActorExternalId, ...rest } = event;
      yield { kind: 'activity', record: { ...rest, targetExternalId: targetActorExternalId, count: 1 } };
      if (position % CHECKPOINT_EVERY === 0) {
        yield { kind: 'checkpoint', stream: 'activity', state: { position } };
        context.progress(position, total);
      }
    }
    yield { kind: 'checkpoint', stream: 'activity', state: { position } };
    context.progress(position, position);
  },
});

/** Checkpoint of the activity stream: the events generated so far, in the generator's fixed order. */
const positionCheckpoint = z.object({ position: z.number().int().nonnegative() });

/** Parents before children, as the pipeline requires. */
function parentsFirst<T extends { externalId: string; parentExternalId: string | null }>(units: T[]): T[] {
  const byId = new Map(units.map((unit) => [unit.externalId, unit]));
  const depth = (id: string | null): number =>
    id === null ? 0 : 1 + depth(byId.get(id)?.parentExternalId ?? null);
  return [...units].sort((a, b) => depth(a.externalId) - depth(b.externalId));
}
