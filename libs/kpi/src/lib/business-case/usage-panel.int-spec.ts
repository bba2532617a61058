import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { addDays } from '../core/periods';
import { differenceInDifferences } from './difference-in-differences';
import { loadWeeklyUsagePanel } from './usage-panel';

/*
 * 8 weeks of e-mails sent (Monday 2026-03-02 .. Sunday 2026-04-26), the pilot starting in week 5 (03-30).
 * Person i sends 4 + (i mod 7) e-mails on each working day, plus w e-mails a day in week w (0..7: a shock
 * shared by everyone). From week 5 on, odd pilot members send 2 fewer a day (−10 a week), even ones the
 * same: the pilot's effect is exactly (−10 + 0) / 2 = −5 e-mails a person a week.
 */
const FIRST = '2026-03-02';
const START = '2026-03-30';
const LAST = '2026-04-26';

describe('loadWeeklyUsagePanel', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let pilotGroup: string;
  let comparisonGroup: string;
  const pilot: string[] = [];
  const compared: string[] = [];
  const rest: string[] = [];
  let both: string;
  let unlisted: string;
  let left: string;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Business case', slug: `business-case-${uniqueSuffix()}`, timeZone: 'Europe/Amsterdam' });
    organisationId = organisation.id;
    const sourceId = (
      await dataSource
        .getRepository(ActivitySource)
        .save({ organisationId, name: 'm365', connectorType: 'csv' })
    ).id;
    const group = async (name: string) =>
      (
        await dataSource.query(
          `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, 'cohort') RETURNING id`,
          [organisationId, name],
        )
      )[0].id as string;
    pilotGroup = await group('Pilot');
    comparisonGroup = await group('Comparison');
    const person = async (pseudonym: string, listed = true, endDate: string | null = null) =>
      (
        await dataSource.query(
          `INSERT INTO people (organisation_id, pseudonym, in_directory, end_date) VALUES ($1, $2, $3, $4) RETURNING id`,
          [organisationId, pseudonym, listed, endDate],
        )
      )[0].id as string;
    const join = (groupId: string, personId: string) =>
      dataSource.query(
        `INSERT INTO group_members (group_id, person_id, organisation_id) VALUES ($1, $2, $3)`,
        [groupId, personId, organisationId],
      );
    for (let i = 0; i < 40; i++) pilot.push(await person(`pilot-${i}`));
    for (let i = 0; i < 40; i++) compared.push(await person(`compared-${i}`));
    for (let i = 0; i < 5; i++) rest.push(await person(`rest-${i}`));
    both = pilot[0];
    unlisted = await person('unlisted', false);
    left = await person('left', true, '2026-02-27');
    for (const id of [...pilot, unlisted]) await join(pilotGroup, id);
    for (const id of [...compared, both, left]) await join(comparisonGroup, id);

    const people: string[] = [];
    const days: string[] = [];
    const metrics: string[] = [];
    const values: number[] = [];
    const add = (id: string, day: string, metric: string, value: number) => {
      people.push(id);
      days.push(day);
      metrics.push(metric);
      values.push(value);
    };
    const everyone = [...pilot, ...compared, ...rest, unlisted, left];
    everyone.forEach((id, i) => {
      for (let w = 0; w < 8; w++) {
        for (let d = 0; d < 5; d++) {
          const day = addDays(FIRST, 7 * w + d);
          const treatedOdd = pilot.includes(id) && pilot.indexOf(id) % 2 === 1 && w >= 4;
          add(id, day, 'email.sent', 4 + (i % 7) + w - (treatedOdd ? 2 : 0));
        }
      }
      // another metric, and a day after the range: neither is in the panel
      add(id, FIRST, 'email.read', 1000);
      add(id, addDays(LAST, 1), 'email.sent', 1000);
    });
    await dataSource.query(
      `INSERT INTO usage_metrics (organisation_id, source_id, person_id, day, metric, value)
       SELECT $1, $2, u.* FROM unnest($3::uuid[], $4::date[], $5::text[], $6::float8[]) AS u`,
      [organisationId, sourceId, people, days, metrics, values],
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const peopleOf = (rows: { person: string; group: string }[], group: string) =>
    new Set(rows.filter((row) => row.group === group).map((row) => row.person));

  it('builds the weekly panel of a group against another group, without its own members', async () => {
    const panel = await loadWeeklyUsagePanel(
      dataSource,
      organisationId,
      'email.sent',
      pilotGroup,
      { kind: 'group', groupId: comparisonGroup },
      '2026-03-04', // widened to Monday 03-02
      '2026-04-22', // widened to Sunday 04-26
    );
    expect(panel).toMatchObject({
      from: FIRST,
      to: LAST,
      weeks: 8,
      truncated: { treated: false, comparison: false },
    });
    // unlisted is not eligible; `both` stays treated only; `left` ended before the range
    expect(peopleOf(panel.rows, 'treated')).toEqual(new Set(pilot));
    expect(peopleOf(panel.rows, 'comparison')).toEqual(new Set(compared));
    expect(panel.rows).toHaveLength(80 * 8);
    expect(panel.recordKeys.size).toBe(80);
    // compared-0 is person index 40: (4 + 40 mod 7 + w) × 5 days = (9 + w) × 5; week 0 → 45, week 7 → 80
    const c0 = panel.rows.filter((row) => row.person === compared[0]);
    expect(c0.map((row) => row.week)).toEqual(Array.from({ length: 8 }, (_, w) => addDays(FIRST, 7 * w)));
    expect(c0.map((row) => row.value)).toEqual([45, 50, 55, 60, 65, 70, 75, 80]);
    // pilot-1 (index 1, odd): (5 + w) × 5, minus 10 from week 4: 25, 30, 35, 40, 35, 40, 45, 50
    expect(panel.rows.filter((row) => row.person === pilot[1]).map((row) => row.value)).toEqual([
      25, 30, 35, 40, 35, 40, 45, 50,
    ]);
  });

  it('compares with the rest of the organisation’s eligible people', async () => {
    const panel = await loadWeeklyUsagePanel(
      dataSource,
      organisationId,
      'email.sent',
      pilotGroup,
      { kind: 'rest-of-organisation' },
      FIRST,
      LAST,
    );
    expect(peopleOf(panel.rows, 'comparison')).toEqual(new Set([...compared, ...rest]));
  });

  it('recovers the known effect of the pilot', async () => {
    const panel = await loadWeeklyUsagePanel(
      dataSource,
      organisationId,
      'email.sent',
      pilotGroup,
      { kind: 'group', groupId: comparisonGroup },
      FIRST,
      LAST,
    );
    const result = differenceInDifferences(panel.rows, {
      phaseStart: START,
      preWeeks: 4,
      postWeeks: 4,
      seed: 7,
      replicates: 1000,
      rule: 5,
      recordKeys: panel.recordKeys,
    });
    // The shared shock adds 5 × (mean post w − mean pre w) = 5 × (5.5 − 1.5) = 20 to everyone's change;
    // the odd half of the pilot loses 10 more: effect (−10 + 0) / 2 = −5.
    expect(result).toMatchObject({ estimable: true, treated: { people: 40 }, comparison: { people: 40 } });
    expect(result.effect.estimate).toBeCloseTo(-5);
    expect(result.treated.change).toBeCloseTo(15);
    expect(result.comparison.change).toBeCloseTo(20);
    expect(result.effect.low!).toBeLessThan(-5);
    expect(result.effect.high!).toBeGreaterThan(-5);
    expect(result.effect.high!).toBeLessThan(0);
    expect(result.significant).toBe(true);
    expect(result.parallelTrends.flat).toBe(true);
    // with perturbation on, the counts move by at most 2 and stay ≥ k
    const perturbed = differenceInDifferences(panel.rows, {
      phaseStart: START,
      preWeeks: 4,
      postWeeks: 4,
      seed: 7,
      replicates: 100,
      rule: { k: 5, perturbation: true },
      recordKeys: panel.recordKeys,
    });
    expect(Math.abs(perturbed.treated.people! - 40)).toBeLessThanOrEqual(2);
    expect(perturbed.effect.estimate).toBeCloseTo(-5);
  });

  it('has no rows for a metric nobody has, and refuses more than 156 weeks', async () => {
    const panel = await loadWeeklyUsagePanel(
      dataSource,
      organisationId,
      'teams.calls',
      pilotGroup,
      { kind: 'rest-of-organisation' },
      FIRST,
      LAST,
    );
    expect(panel.rows).toEqual([]);
    await expect(
      loadWeeklyUsagePanel(
        dataSource,
        organisationId,
        'email.sent',
        pilotGroup,
        { kind: 'rest-of-organisation' },
        '2023-01-02',
        '2026-01-04',
      ),
    ).rejects.toThrow('at most 156 weeks');
  });
});
