import { ACTIVITY_TYPES, type KpiScope } from '@uptake/contracts';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import {
  adoptionSeries,
  churn,
  participationSeries,
  participationSummary,
  queryEngagementFromActivityDaily,
  retentionCohorts,
} from '../testing';
import { lookbackStart } from './adoption/adoption';
import { loadMembers } from './core/members';
import { loadPersonDays } from './core/person-days';
import { addDays, GRANULARITIES, periodsBetween } from './core/periods';
import { disclosureOfScope, type Population } from './core/population';
import { refreshRollups } from './core/rollups';
import { seededRandom as seeded } from './core/seeded-random';
import { protect } from './disclosure/suppression';
import { KpiReports } from './kpi-reports';

/*
 * The reports read the monthly rollup (person_month: day masks and running totals); these tests compare
 * them with the computation over person-days and activity_daily they replaced, on random activity
 * ingested in random incremental batches, for random ranges (cutting weeks and months), granularities,
 * populations (everyone, an org unit subtree, a group, both) and k.
 */
describe('KPI reports over the monthly rollup', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let reports: KpiReports;
  const units: string[] = [];
  const groups: string[] = [];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    reports = new KpiReports(dataSource);
    const random = seeded(20261127);
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Reports', slug: `reports-${uniqueSuffix()}`, timeZone: 'America/New_York' });
    organisationId = organisation.id;
    const sourceId = (
      await dataSource
        .getRepository(ActivitySource)
        .save({ organisationId, name: 'src', connectorType: 'csv' })
    ).id;
    const unit = async (name: string, parent: string | null) => {
      const [row] = await dataSource.query(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, 'department', $3) RETURNING id`,
        [organisationId, name, parent],
      );
      units.push(row.id);
      return row.id as string;
    };
    const root = await unit('Root', null);
    const left = await unit('Left', root);
    await unit('Left A', left);
    await unit('Right', root);
    const people: string[] = [];
    for (let i = 0; i < 60; i++) {
      const listed = random() < 0.9;
      const startDay = random() < 0.15 ? Math.floor(random() * 120) : null;
      const endDay = random() < 0.15 ? (startDay ?? 0) + Math.floor(random() * 60) : null;
      const [row] = await dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, start_date, end_date)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          organisationId,
          `r${i}`,
          listed,
          listed ? units[Math.floor(random() * units.length)] : null,
          startDay === null ? null : addDays('2026-01-05', startDay),
          endDay === null ? null : addDays('2026-01-05', endDay),
        ],
      );
      people.push(row.id);
    }
    for (const name of ['Pilot', 'Champions']) {
      const [group] = await dataSource.query(
        `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, 'cohort') RETURNING id`,
        [organisationId, name],
      );
      groups.push(group.id);
      for (const person of people) {
        if (random() < 0.4) {
          await dataSource.query(
            `INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`,
            [organisationId, group.id, person],
          );
        }
      }
    }
    // Events over 2026-01-05 .. 2026-05-10 in batches that arrive out of order, each followed by a refresh.
    const start = Date.parse('2026-01-05T00:00:00Z');
    const rate = people.map(() => (random() < 0.2 ? 0 : random()));
    const roots: { key: string; at: number }[] = [];
    let serial = 0;
    for (let batch = 0; batch < 6; batch++) {
      const rows: unknown[][] = [];
      for (let i = 0; i < 700; i++) {
        const who = Math.floor(random() * people.length);
        if (random() > rate[who]) continue;
        const type = ACTIVITY_TYPES[Math.floor(random() * ACTIVITY_TYPES.length)];
        let at = start + Math.floor(random() * 125 * 86_400_000);
        const id = `e${serial++}`;
        let thread: string | null = null;
        let target: string | null = null;
        if ((type === 'reply' || type === 'answer' || type === 'reaction') && roots.length > 0) {
          const root = roots[Math.floor(random() * roots.length)];
          thread = root.key;
          at = Math.max(at, root.at + Math.floor(random() * 86_400_000));
          target = people[Math.floor(random() * people.length)];
        }
        if (type === 'post' || type === 'question') roots.push({ key: id, at });
        rows.push([id, new Date(at), people[who], type, thread, target, 1 + Math.floor(random() * 3)]);
      }
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                      thread_external_id, target_actor_id, count)
         SELECT $1, $2, e.* FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[],
                                       $7::text[], $8::uuid[], $9::int[]) AS e`,
        [organisationId, sourceId, ...[0, 1, 2, 3, 4, 5, 6].map((c) => rows.map((row) => row[c]))],
      );
      const times = rows.map((row) => (row[1] as Date).getTime());
      await refreshRollups(dataSource, organisationId, {
        from: new Date(Math.min(...times)),
        to: new Date(Math.max(...times)),
      });
    }
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const scopes = (): KpiScope[] => {
    const random = seeded(4);
    const result: KpiScope[] = [];
    const filters: [string | null, string | null][] = [
      [null, null],
      [units[0], null],
      [units[1], null],
      [units[2], null],
      [null, groups[0]],
      [units[1], groups[1]],
    ];
    for (const [orgUnitId, groupId] of filters) {
      for (const granularity of GRANULARITIES) {
        const from = addDays('2026-01-02', Math.floor(random() * 60));
        const to = addDays(from, Math.floor(random() * 80));
        const k = [1, 2, 3, 5][Math.floor(random() * 4)];
        // Half the scopes perturbed: the reference computations must perturb the same people's cells alike.
        const perturbation = random() < 0.5;
        result.push({
          organisationId,
          from,
          to,
          granularity,
          orgUnitId,
          groupId,
          minGroupSize: k,
          perturbation,
        });
      }
    }
    // a range that is all of it, and one of a single day
    result.push({
      organisationId,
      from: '2026-01-01',
      to: '2026-05-31',
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 2,
      perturbation: false,
    });
    result.push({
      organisationId,
      from: '2026-03-01',
      to: '2026-03-01',
      granularity: 'month',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 1,
      perturbation: false,
    });
    return result;
  };

  const population = (scope: KpiScope): Population => ({
    organisationId,
    orgUnitId: scope.orgUnitId,
    groupId: scope.groupId,
  });

  it('adoption equals the person-day computation', async () => {
    for (const scope of scopes()) {
      const members = await loadMembers(dataSource, population(scope), scope.to);
      const days = await loadPersonDays(dataSource, population(scope), lookbackStart(scope.from), scope.to);
      const periods = periodsBetween(scope.from, scope.to, scope.granularity);
      const expected = adoptionSeries(members, days, periods, disclosureOfScope(scope));
      expect(expected.some((point) => (point.active ?? 0) > 0)).toBe(true);
      expect((await reports.adoption(scope)).points).toEqual(expected);
    }
  });

  it('participation equals the person-day computation', async () => {
    for (const scope of scopes()) {
      const members = await loadMembers(dataSource, population(scope), scope.to);
      const days = await loadPersonDays(dataSource, population(scope), scope.from, scope.to);
      const periods = periodsBetween(scope.from, scope.to, scope.granularity);
      const range = { start: scope.from, end: scope.to };
      const report = await reports.participation(scope);
      expect(report.points).toEqual(participationSeries(members, days, periods, disclosureOfScope(scope)));
      const summary = participationSummary(members, days, range, disclosureOfScope(scope));
      expect({
        personas: report.personas,
        concentration: report.concentration,
        suppressed: report.suppressed,
      }).toEqual({ suppressed: undefined, ...summary });
    }
  });

  it('retention equals the person-day computation', async () => {
    for (const scope of scopes()) {
      for (const silentWeeks of [1, 4]) {
        const members = await loadMembers(dataSource, population(scope), scope.to);
        const days = await loadPersonDays(
          dataSource,
          population(scope),
          addDays(scope.from, -silentWeeks * 7),
          scope.to,
        );
        const range = { start: scope.from, end: scope.to };
        const report = await reports.retention(scope, silentWeeks);
        expect(report.cohorts).toEqual(retentionCohorts(members, days, range, disclosureOfScope(scope)));
        const { total } = churn(members, days, range, silentWeeks);
        const rule = disclosureOfScope(scope);
        expect(report.activated).toEqual(protect(total.activated, rule));
        if (report.reactivated !== null) expect(report.reactivated).toEqual(protect(total.reactivated, rule));
        if (report.triedAndStopped !== null)
          expect(report.triedAndStopped).toEqual(protect(total.triedAndStopped, rule));
      }
    }
  });

  it('engagement equals the activity_daily computation', async () => {
    for (const scope of scopes()) {
      const periods = periodsBetween(scope.from, scope.to, scope.granularity);
      const expected = await queryEngagementFromActivityDaily(
        dataSource,
        population(scope),
        periods,
        scope.minGroupSize,
      );
      expect(expected.some((point) => (point.posts ?? 0) > 0)).toBe(true);
      // The reference has no record keys: compare exact figures.
      expect((await reports.engagement({ ...scope, perturbation: false })).points).toEqual(expected);
    }
  });

  it('cached network and diffusion reports follow refreshes and directory changes', async () => {
    const scope: KpiScope = {
      organisationId,
      from: '2026-02-01',
      to: '2026-04-30',
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 2,
      perturbation: false,
    };
    const options = { targetShare: 0.6, horizonWeeks: 52 };
    const fresh = () => new KpiReports(dataSource);
    const first = await reports.network(scope);
    expect(await reports.network(scope)).toEqual(first);
    const engagement = await reports.engagement(scope);
    expect(await reports.diffusion(scope, options)).toEqual(await fresh().diffusion(scope, options));

    // new interactions and a refresh: the cached report is recomputed
    const [a, b] = await dataSource.query(
      `SELECT id FROM people WHERE organisation_id = $1 ORDER BY pseudonym LIMIT 2`,
      [organisationId],
    );
    const [source] = await dataSource.query(`SELECT id FROM data_sources WHERE organisation_id = $1`, [
      organisationId,
    ]);
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, target_actor_id, count)
       VALUES ($1, $2, 'cache-1', '2026-04-20T12:00:00Z', $3, 'mention', $4, 50)`,
      [organisationId, source.id, a.id, b.id],
    );
    await refreshRollups(dataSource, organisationId, {
      from: '2026-04-20T12:00:00Z',
      to: '2026-04-20T12:00:00Z',
    });
    const afterRefresh = await reports.network(scope);
    expect(afterRefresh).toEqual(await fresh().network(scope));
    expect(afterRefresh.summary.interactions).toBe((first.summary.interactions ?? 0) + 50);
    const engagementAfter = await reports.engagement(scope);
    expect(engagementAfter).toEqual(await fresh().engagement(scope));
    expect(engagementAfter).not.toEqual(engagement);

    // a directory change without a refresh (a person moves unit, one leaves): recomputed too
    await dataSource.query(`UPDATE people SET org_unit_id = $2 WHERE id = $1`, [a.id, units[3]]);
    await dataSource.query(`UPDATE people SET end_date = '2026-02-01' WHERE id = $1`, [b.id]);
    expect(await reports.network(scope)).toEqual(await fresh().network(scope));
    expect(await reports.diffusion(scope, options)).toEqual(await fresh().diffusion(scope, options));
    expect(await reports.engagement(scope)).toEqual(await fresh().engagement(scope));
  });
});
