/**
 * KPI benchmark (a script, not a test): loads the demo company with N events (default 10,000,000) through
 * the real pipeline into a throw-away embedded database, refreshes the rollups (whole range, then one
 * day), then calls every KPI endpoint of a real API instance and prints p50 / p95 latencies.
 *
 *   npm run bench:kpi [-- <events>]
 *
 * KPI_BENCH_DIR=/some/dir keeps the database there between runs (loaded once, then reused), for iterating.
 */
import { loadConfig, requireStoreUrls, type UptakeConfig } from '@uptake/config';
import { parseConnectorConfig, standaloneReadContext } from '@uptake/connector-sdk';
import { connectorFor } from '@uptake/connectors';
import { ensureStores, findFreePort } from '@uptake/infra-embedded';
import { ingest } from '@uptake/ingest';
import { refreshRollups } from '@uptake/kpi';
import { AccessToken, ActivitySource, createDataSource, migrate, Organisation } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';

const ENDPOINTS = ['adoption', 'participation', 'engagement', 'retention', 'network', 'diffusion'];
const CALLS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 10_000_000);
  const kept = process.env['KPI_BENCH_DIR'];
  const work = kept ?? (await mkdtemp(path.join(os.tmpdir(), 'uptake-kpi-bench-')));
  await chmod(work, 0o755);
  const base = loadConfig({
    ...process.env,
    UPTAKE_DATA_DIR: path.join(work, 'data'),
    EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
    EMBEDDED_REDIS_PORT: String(await findFreePort()),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    UPTAKE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  const stores = await ensureStores(base, () => undefined);
  try {
    const config = requireStoreUrls({ ...base, ...stores.config });
    await migrate(config.database.url);
    const dataSource = await createDataSource(config.database.url).initialize();
    const existing = kept ? await dataSource.getRepository(Organisation).findOneBy({ slug: 'bench' }) : null;
    let organisationId: string;
    let range: { from: Date; to: Date };
    if (existing) {
      organisationId = existing.id;
      const [row]: { first: Date; last: Date }[] = await dataSource.query(
        'SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events WHERE organisation_id = $1',
        [organisationId],
      );
      range = { from: row.first, to: row.last };
      console.log(`reusing the organisation loaded in ${work}`);
    } else {
      ({ organisationId, range } = await load(dataSource, events));
    }
    await measure(dataSource, config, organisationId, range);
  } finally {
    await stores.stop();
    if (!kept) await rm(work, { recursive: true, force: true });
  }
}

async function load(
  dataSource: DataSource,
  events: number,
): Promise<{ organisationId: string; range: { from: Date; to: Date } }> {
  const organisation = await dataSource.getRepository(Organisation).save({ name: 'Bench', slug: 'bench' });
  const source = await dataSource
    .getRepository(ActivitySource)
    .save({ organisationId: organisation.id, name: 'demo', connectorType: 'demo' });
  const connector = connectorFor('demo');
  if (!connector) throw new Error('the demo connector is not registered');
  const { settings, credentials } = parseConnectorConfig(connector, { targetEvents: events }, {});

  const started = performance.now();
  const loaded = await ingest(
    dataSource,
    { organisationId: organisation.id, sourceId: source.id },
    connector.read(
      standaloneReadContext({ settings, credentials, log: { info: () => undefined, warn: console.warn } }),
    ),
    { batchSize: 10_000 },
  );
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `loaded ${loaded.inserted.toLocaleString('en')} events of ${loaded.people} people in ${loadSeconds.toFixed(0)} s`,
  );
  if (!loaded.affectedFrom || !loaded.affectedTo) throw new Error('nothing was loaded');
  return { organisationId: organisation.id, range: { from: loaded.affectedFrom, to: loaded.affectedTo } };
}

async function measure(
  dataSource: DataSource,
  config: UptakeConfig,
  organisationId: string,
  range: { from: Date; to: Date },
): Promise<void> {
  let started = performance.now();
  await refreshRollups(dataSource, organisationId, range);
  console.log(`rollups of the whole range: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // A day in the middle of the range: what the worker recomputes after a typical daily ingest.
  const middle = new Date((range.from.getTime() + range.to.getTime()) / 2);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    await refreshRollups(dataSource, organisationId, { from: middle, to: middle });
    times.push(performance.now() - started);
  }
  console.log(`rollups of one day: median ${Math.round(times.sort((a, b) => a - b)[2])} ms (5 runs)`);

  const { token, hash } = newToken('upt');
  await dataSource.getRepository(AccessToken).save({
    kind: 'api',
    tokenHash: hash,
    organisationId,
    role: 'admin',
    name: 'bench',
  });
  await dataSource.destroy();

  const { app } = await createApi(config);
  await app.init();
  const server = app.getHttpServer();
  try {
    console.log(`endpoint latencies over ${CALLS} calls (default range: the last 90 days, weekly):`);
    for (const endpoint of ENDPOINTS) {
      const url = `/api/organisations/${organisationId}/kpis/${endpoint}`;
      const latencies: number[] = [];
      for (let i = 0; i < CALLS + 2; i++) {
        const t = performance.now();
        const response = await request(server).get(url).set('Authorization', `Bearer ${token}`);
        if (response.status !== 200) throw new Error(`${endpoint}: ${response.status} ${response.text}`);
        if (i >= 2) latencies.push(performance.now() - t); // the first two warm caches up
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `  ${endpoint.padEnd(14)} p50 ${Math.round(percentile(latencies, 0.5))} ms   p95 ${Math.round(percentile(latencies, 0.95))} ms`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
