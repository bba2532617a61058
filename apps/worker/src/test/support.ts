import { generateDemoOrganisation } from '@uptake/demo';
import { ActivitySource, SyncRun } from '@uptake/persistence';
import type { DataSource } from 'typeorm';

export interface DemoSettings {
  seed: number;
  people: number;
  targetEvents: number;
}

/** How many events a demo source with these settings yields (what a finished sync must have stored). */
export function demoEventCount(settings: DemoSettings): number {
  return [...generateDemoOrganisation(settings).events({ targetEvents: settings.targetEvents })].length;
}

export function demoSource(
  dataSource: DataSource,
  organisationId: string,
  name: string,
  settings: DemoSettings,
): Promise<ActivitySource> {
  return dataSource
    .getRepository(ActivitySource)
    .save({ organisationId, name, connectorType: 'demo', settings: { ...settings } });
}

/**
 * Polls until `check` holds. Errors count as "not yet": the stores these tests stop and start make queries
 * fail for a while.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (check(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const shown = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${what} not reached within ${timeoutMs} ms (last: ${shown})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function runOf(dataSource: DataSource, id: string): () => Promise<SyncRun> {
  return () => dataSource.getRepository(SyncRun).findOneByOrFail({ id });
}

export async function storedEvents(dataSource: DataSource, sourceId: string): Promise<number> {
  const [{ stored }] = await dataSource.query(
    'SELECT count(*)::int AS stored FROM activity_events WHERE source_id = $1',
    [sourceId],
  );
  return stored;
}

/** The same Redis server, another database number: no other test file's worker takes these jobs. */
export function redisDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}
