import { loadConfig, requireStoreUrls, type ResolvedConfig } from '@uptake/config';
import { parseConnectorConfig, standaloneReadContext, type ConnectorMessage } from '@uptake/connector-sdk';
import { connectorFor } from '@uptake/connectors';
import { ensureStores, findFreePort } from '@uptake/infra-embedded';
import { ingest } from '@uptake/ingest';
import { ActivitySource, createDataSource, migrate, Organisation } from '@uptake/persistence';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';

/** The bench organisation and the span of its events. */
export interface BenchOrganisation {
  organisationId: string;
  range: { from: Date; to: Date };
  /** Loaded by this run (false: reused from KPI_BENCH_DIR). */
  loaded: boolean;
}

/** The p-quantile of sorted latencies (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Runs a benchmark on embedded Postgres and Redis with the demo company of `events` events loaded through the
 * real pipeline (the connector, pseudonymisation, batches) into the organisation 'bench'. With
 * KPI_BENCH_DIR=/some/dir the database is kept there and a later run reuses the loaded organisation instead of
 * loading it again; otherwise everything goes into a throw-away folder.
 */
export async function withBenchDatabase(
  options: { events: number; folderPrefix: string; env?: Record<string, string> },
  run: (context: {
    dataSource: DataSource;
    config: ResolvedConfig;
    organisation: BenchOrganisation;
  }) => Promise<void>,
): Promise<void> {
  const kept = process.env['KPI_BENCH_DIR'];
  const work = kept ?? (await mkdtemp(path.join(os.tmpdir(), options.folderPrefix)));
  await chmod(work, 0o755);
  const base = loadConfig({
    ...process.env,
    UPTAKE_DATA_DIR: path.join(work, 'data'),
    EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
    EMBEDDED_REDIS_PORT: String(await findFreePort()),
    LOG_LEVEL: 'silent',
    UPTAKE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...options.env,
  });
  const stores = await ensureStores(base, () => undefined);
  try {
    const config = requireStoreUrls({ ...base, ...stores.config });
    await migrate(config.database.url);
    const dataSource = await createDataSource(config.database.url).initialize();
    try {
      const existing = kept
        ? await dataSource.getRepository(Organisation).findOneBy({ slug: 'bench' })
        : null;
      let organisation: BenchOrganisation;
      if (existing) {
        const [row]: { first: Date; last: Date }[] = await dataSource.query(
          'SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events WHERE organisation_id = $1',
          [existing.id],
        );
        organisation = {
          organisationId: existing.id,
          range: { from: row.first, to: row.last },
          loaded: false,
        };
        console.log(`reusing the organisation loaded in ${work}`);
      } else {
        organisation = await loadDemoCompany(dataSource, options.events);
      }
      await run({ dataSource, config, organisation });
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  } finally {
    await stores.stop();
    if (!kept) await rm(work, { recursive: true, force: true });
  }
}

/**
 * What the demo connector reads for `settings` (its settings schema validates them), as the worker's sync
 * would: the load above and the load bench's extra ingests use the same path.
 */
export function demoMessages(settings: Record<string, unknown>): AsyncIterable<ConnectorMessage> {
  const connector = connectorFor('demo');
  if (!connector) throw new Error('the demo connector is not registered');
  const parsed = parseConnectorConfig(connector, settings, {});
  return connector.read(
    standaloneReadContext({
      settings: parsed.settings,
      credentials: parsed.credentials,
      log: { info: () => undefined, warn: console.warn },
    }),
  );
}

/** Loads the demo company with about `events` events through the pipeline and prints how long it took. */
async function loadDemoCompany(dataSource: DataSource, events: number): Promise<BenchOrganisation> {
  const organisation = await dataSource.getRepository(Organisation).save({ name: 'Bench', slug: 'bench' });
  const source = await dataSource
    .getRepository(ActivitySource)
    .save({ organisationId: organisation.id, name: 'demo', connectorType: 'demo' });
  const started = performance.now();
  const loaded = await ingest(
    dataSource,
    { organisationId: organisation.id, sourceId: source.id },
    demoMessages({ targetEvents: events }),
    { batchSize: 10_000 },
  );
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `loaded ${loaded.inserted.toLocaleString('en')} events of ${loaded.people} people in ${loadSeconds.toFixed(0)} s`,
  );
  if (!loaded.affectedFrom || !loaded.affectedTo) throw new Error('nothing was loaded');
  return {
    organisationId: organisation.id,
    range: { from: loaded.affectedFrom, to: loaded.affectedTo },
    loaded: true,
  };
}
