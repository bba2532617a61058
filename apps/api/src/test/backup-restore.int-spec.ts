import type { KpiScope } from '@uptake/contracts';
import { KpiReports, refreshRollups } from '@uptake/kpi';
import { createDataSource, migrate } from '@uptake/persistence';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { PG_BIN_DIR, startPostgresCluster, type PostgresCluster } from './postgres-cluster';

/*
 * Backup and restore (issue 17): the documented procedure, `pg_dump -Fc` with a client of the server's
 * major version, then `createdb` + `pg_restore --no-owner` into a new, empty database, must give back
 * the same KPI answers. pg_dump cannot dump a newer server and the other tests' embedded PostgreSQL (18)
 * has no pg_dump, so this file runs a cluster of its own with the installed client's version (15).
 *
 * The organisation is built by formula (no randomness) so every run draws the same data, record keys
 * included: counts are perturbed (the organisation's default), and a perturbed count is a function of its
 * people's record keys, so equal answers show the keys survived. Over 2026-03-02 .. 2026-04-26 (8 ISO weeks):
 *   units Alpha (people 0..11) and Beta (12..24); people 25..29 are not in the directory;
 *   person i acts on day d when (5i + 3d) mod (3 + i mod 4) = 0, except every i = 9 mod 10 (never active);
 *   the type cycles read, post, reply, reaction, question, answer by (i + d) mod 6; responses go to the
 *   latest root (post or question) of someone else, with its author as target;
 *   group Pilot = people 0..7 (8 people), group Trio = people 0..2 (below k = 5: its figures are withheld).
 */
const FIRST_DAY = '2026-03-02';
const DAYS = 56;
const PEOPLE = 30;
const TYPES = ['read', 'post', 'reply', 'reaction', 'question', 'answer'] as const;

interface Seeded {
  organisationId: string;
  pilot: string;
  trio: string;
  alpha: string;
}

/** A fixed record key per person (Knuth's multiplicative hash of the index), so runs are reproducible. */
const recordKeyOf = (index: number): number => (index * 2_654_435_761) % 4_294_967_296;

async function seedOrganisation(dataSource: DataSource): Promise<Seeded> {
  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
  const [organisation] = await q(
    `INSERT INTO organisations (name, slug) VALUES ('Backup', 'backup') RETURNING id`,
  );
  const organisationId: string = organisation.id;
  const [source] = await q(
    `INSERT INTO data_sources (organisation_id, name, connector_type) VALUES ($1, 'import', 'csv') RETURNING id`,
    [organisationId],
  );
  const unit = async (name: string) =>
    (
      await q(
        `INSERT INTO org_units (organisation_id, name, kind) VALUES ($1, $2, 'department') RETURNING id`,
        [organisationId, name],
      )
    )[0].id as string;
  const alpha = await unit('Alpha');
  const beta = await unit('Beta');
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const unitId = i < 12 ? alpha : i < 25 ? beta : null;
    const [row] = await q(
      `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, record_key)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [organisationId, `backup-${i}`, unitId !== null, unitId, recordKeyOf(i)],
    );
    people.push(row.id);
  }
  const group = async (name: string, members: number) => {
    const [row] = await q(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, 'cohort') RETURNING id`,
      [organisationId, name],
    );
    await q(
      `INSERT INTO group_members (organisation_id, group_id, person_id) SELECT $1, $2, unnest($3::uuid[])`,
      [organisationId, row.id, people.slice(0, members)],
    );
    return row.id as string;
  };
  const pilot = await group('Pilot', 8);
  const trio = await group('Trio', 3);

  const rows: [string, string, string, string, string | null, string | null][] = [];
  let root: { key: string; author: number } | null = null;
  for (let d = 0; d < DAYS; d++) {
    for (let i = 0; i < PEOPLE; i++) {
      if (i % 10 === 9 || (5 * i + 3 * d) % (3 + (i % 4)) !== 0) continue;
      const type = TYPES[(i + d) % TYPES.length];
      const key = `e-${d}-${i}`;
      const at = new Date(Date.parse(`${FIRST_DAY}T09:00:00Z`) + d * 86_400_000 + i * 60_000).toISOString();
      const responds = (type === 'reply' || type === 'answer' || type === 'reaction') && root?.author !== i;
      rows.push([
        key,
        at,
        people[i],
        type,
        responds && root ? root.key : null,
        responds && root ? people[root.author] : null,
      ]);
      if (type === 'post' || type === 'question') root = { key, author: i };
    }
  }
  await q(
    `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                  thread_external_id, target_actor_id)
     SELECT $1, $2, e.* FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[],
                                   $7::text[], $8::uuid[]) AS e`,
    [organisationId, source.id, ...[0, 1, 2, 3, 4, 5].map((c) => rows.map((row) => row[c]))],
  );
  await refreshRollups(dataSource, organisationId, {
    from: `${FIRST_DAY}T00:00:00Z`,
    to: new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + DAYS * 86_400_000).toISOString(),
  });
  return { organisationId, pilot, trio, alpha };
}

/** The answers compared before and after: several KPI families, scopes below k and empty ranges included. */
async function kpiAnswers(dataSource: DataSource, seeded: Seeded, perturbation = true) {
  const reports = new KpiReports(dataSource);
  const scope = (overrides: Partial<KpiScope>): KpiScope => ({
    organisationId: seeded.organisationId,
    from: FIRST_DAY,
    to: '2026-04-26',
    granularity: 'week',
    orgUnitId: null,
    groupId: null,
    minGroupSize: 5,
    perturbation,
    ...overrides,
  });
  const everyone = scope({});
  const scopes = {
    everyone,
    monthly: scope({ granularity: 'month' }),
    alpha: scope({ orgUnitId: seeded.alpha }),
    pilot: scope({ groupId: seeded.pilot }),
    trio: scope({ groupId: seeded.trio }),
    empty: scope({ from: '2025-01-06', to: '2025-02-02' }),
  };
  const byScope: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(scopes)) {
    byScope[name] = {
      adoption: await reports.adoption(s),
      participation: await reports.participation(s),
      engagement: await reports.engagement(s),
      retention: await reports.retention(s, 2),
      lifecycle: await reports.lifecycle(s),
    };
  }
  return {
    byScope,
    network: await reports.network(everyone),
    personas: await reports.personas(everyone),
    firstPost: await reports.firstPost(everyone, 24),
    adoptionGoal: await reports.weeklyGoalSeries(everyone, 'adoption_rate'),
    contributorGoal: await reports.weeklyGoalSeries(scopes.pilot, 'contributor_share'),
    lastActiveDay: await reports.lastActiveDay(seeded.organisationId, new Date('2026-06-01T00:00:00Z')),
  };
}

/** What the pseudonymisation rests on: the organisation's HMAC key and every person's id, pseudonym, key. */
async function identities(dataSource: DataSource): Promise<unknown> {
  return {
    organisations: await dataSource.query(
      `SELECT id, encode(pseudonym_key, 'hex') AS key, perturbation FROM organisations ORDER BY id`,
    ),
    people: await dataSource.query(
      `SELECT id, pseudonym, record_key::text AS key, org_unit_id FROM people ORDER BY id`,
    ),
  };
}

describe('backup with pg_dump -Fc and restore with pg_restore into a new database', () => {
  let cluster: PostgresCluster;
  let original: DataSource;
  let restored: DataSource;
  let seeded: Seeded;
  let dumpFile: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let started = Date.now();
    const lap = (name: string) => {
      timings[name] = Date.now() - started;
      started = Date.now();
    };
    cluster = await startPostgresCluster();
    lap('cluster start');
    await cluster.client('createdb', ['uptake']);
    await migrate(cluster.url('uptake'));
    lap('migrate');
    original = await createDataSource(cluster.url('uptake')).initialize();
    seeded = await seedOrganisation(original);
    lap('seed');
    dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-dump-')), 'uptake.dump');
    await cluster.client('pg_dump', ['-Fc', '-d', 'uptake', '-f', dumpFile]);
    await cluster.client('createdb', ['uptake_restored']);
    await cluster.client('pg_restore', ['--no-owner', '--exit-on-error', '-d', 'uptake_restored', dumpFile]);
    lap('dump and restore');
    restored = await createDataSource(cluster.url('uptake_restored')).initialize();
  }, 120_000);

  afterAll(async () => {
    await original?.destroy();
    await restored?.destroy();
    await cluster?.stop();
    if (dumpFile) fs.rmSync(path.dirname(dumpFile), { recursive: true, force: true });
    console.info(`backup-restore timings (ms): ${JSON.stringify(timings)}`);
  });

  it('runs the migrations on the cluster the dump client can read', async () => {
    // The same major version as pg_dump (15 with PG_BIN_DIR's default): the point of the separate cluster.
    const { stdout } = await promisify(execFile)(path.join(PG_BIN_DIR, 'pg_dump'), ['--version']);
    expect(stdout).toMatch(new RegExp(`\\(PostgreSQL\\) ${cluster.serverVersion}\\.`));
  });

  it('gives the same KPI answers from the restored database as from the original', async () => {
    const before = await kpiAnswers(original, seeded);
    const after = await kpiAnswers(restored, seeded);
    expect(after).toEqual(before);

    // The answers are not vacuous. Every period of everyone has 25 eligible (people 0..24 listed) …
    const adoption = (before.byScope['everyone'] as { adoption: { points: { eligible: number }[] } })
      .adoption;
    expect(adoption.points).toHaveLength(8);
    // (perturbed by at most ±2, the same every week: the same 25 people)
    for (const point of adoption.points) expect(Math.abs(point.eligible - 25)).toBeLessThanOrEqual(2);
    // … Trio (3 people < k = 5) publishes no count of people, and the empty range (4 weeks of 2025) has
    // no activity at all: 0 is shown, not withheld.
    const trio = before.byScope['trio'] as { adoption: { points: { active: number | null }[] } };
    expect(trio.adoption.points.every((point) => point.active === null)).toBe(true);
    const empty = before.byScope['empty'] as { adoption: { points: { active: number | null }[] } };
    expect(empty.adoption.points.map((point) => point.active)).toEqual([0, 0, 0, 0]);
    expect(before.lastActiveDay).toBe('2026-04-26');
  });

  it('keeps pseudonyms, the pseudonym key and record keys (so perturbed counts are the same)', async () => {
    expect(await identities(restored)).toEqual(await identities(original));
    // The perturbation really moves figures here: exact and perturbed answers differ …
    const perturbed = await kpiAnswers(original, seeded);
    const exact = await kpiAnswers(original, seeded, false);
    expect(strip(perturbed)).not.toEqual(strip(exact));
    // … and depend on the record keys: with other keys (in a scratch copy) the same people's counts change.
    await restored.query(`UPDATE people SET record_key = (record_key + 1) % 4294967296`);
    try {
      expect(await kpiAnswers(restored, seeded)).not.toEqual(perturbed);
    } finally {
      await restored.query(`UPDATE people SET record_key = (record_key + 4294967295) % 4294967296`);
    }
    expect(await identities(restored)).toEqual(await identities(original));
  });

  it('reports no pending migration in the restored database', async () => {
    expect(await restored.showMigrations()).toBe(false);
    expect(await migrate(cluster.url('uptake_restored'))).toEqual([]);
  });
});

/** The answers without their scopes (which name the perturbation flag), to compare figures only. */
function strip(answers: unknown): string {
  return JSON.stringify(answers, (key, value) => (key === 'scope' ? undefined : value));
}
