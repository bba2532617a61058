import { randomUUID } from 'node:crypto';
import { differenceInDifferencesReportSchema } from '@uptake/contracts';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { addDays } from '../core/periods';
import { refreshRollups } from '../core/rollups';
import { differenceInDifferences, type PanelRow } from './difference-in-differences';
import { loadWeeklyPanel, withComparison, type PanelRequest } from './panels';

/** person → [value of week 0..n] (null: no row that week), for the rows of the given people. */
function valuesByPerson(
  rows: readonly PanelRow[],
  people: Record<string, string>,
  first: string,
  weeks: number,
) {
  const result: Record<string, (number | null)[]> = {};
  for (const [name, id] of Object.entries(people)) {
    const values: (number | null)[] = Array.from({ length: weeks }, () => null);
    for (const row of rows) {
      if (row.person !== id) continue;
      values[(Date.parse(row.week) - Date.parse(first)) / (7 * 86_400_000)] = row.value;
    }
    if (values.some((value) => value !== null)) result[name] = values;
  }
  return result;
}

async function createOrganisation(dataSource: DataSource, name: string) {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name, slug: `panels-${uniqueSuffix()}`, timeZone: 'Europe/Amsterdam' });
  const source = await dataSource
    .getRepository(ActivitySource)
    .save({ organisationId: organisation.id, name: 'src', connectorType: 'csv' });
  const unit = async (unitName: string, kind: string, parent: string | null) =>
    (
      await dataSource.query(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisation.id, unitName, kind, parent],
      )
    )[0].id as string;
  const person = async (
    pseudonym: string,
    fields: {
      unit?: string | null;
      level?: number | null;
      location?: string | null;
      listed?: boolean;
      start?: string | null;
      end?: string | null;
    },
  ) =>
    (
      await dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym, org_unit_id, level, location, in_directory, start_date, end_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          organisation.id,
          pseudonym,
          fields.unit ?? null,
          fields.level ?? null,
          fields.location ?? null,
          fields.listed ?? true,
          fields.start ?? null,
          fields.end ?? null,
        ],
      )
    )[0].id as string;
  return { organisationId: organisation.id, sourceId: source.id, unit, person };
}

/*
 * Four weeks, Monday 2026-03-02 .. Sunday 2026-03-29 (weeks W0 03-02, W1 03-09, W2 03-16, W3 03-23), in
 * Amsterdam (UTC+1: every event below is on the same day there).
 *
 * Units: Company (division) ⊃ Sales (department) ⊃ Sales NL (team); Company ⊃ IT (department).
 * People: p1 Sales NL; p2 Sales, starts Wed 03-11; p3 IT, leaves Fri 03-20; p4 IT, only joins a channel;
 * p5 Sales, not in the directory; p6 no unit, active once before the range (02-20, a read); group G = {p6}.
 *
 *   W0  p1 posts T1 (Mon 10:00), p3 replies 12:00 → 2 h; p1 posts T2 (Wed 09:00), replies to it himself at
 *       10:00, p3 replies Thu 09:00 → 24 h; p1 posts T3 (Fri), never answered; p5 posts.
 *   W1  p3 posts T4 (Tue 08:00), p1 replies 08:30 → 0.5 h; p4 joins; p2 reads (Thu; before her first week).
 *   W2  p2 reads (Tue); p3 reacts (Wed; in her last, partial week).
 *   W3  p1 reacts (Tue); p2 posts T5 (Wed 09:00), p1 replies 12:00 → 3 h.
 */
const FIRST = '2026-03-02';
const LAST = '2026-03-29';

describe('loadWeeklyPanel: activity metrics on Postgres', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let units: Record<'company' | 'sales' | 'salesNl' | 'it', string>;
  let people: Record<string, string>;
  let groupG: string;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const org = await createOrganisation(dataSource, 'Panels');
    organisationId = org.organisationId;
    const company = await org.unit('Company', 'division', null);
    const sales = await org.unit('Sales', 'department', company);
    units = {
      company,
      sales,
      salesNl: await org.unit('Sales NL', 'team', sales),
      it: await org.unit('IT', 'department', company),
    };
    people = {
      p1: await org.person('p1', { unit: units.salesNl, level: 3, location: 'AMS' }),
      p2: await org.person('p2', { unit: units.sales, level: 2, location: 'AMS', start: '2026-03-11' }),
      p3: await org.person('p3', { unit: units.it, level: 3, location: 'AMS', end: '2026-03-20' }),
      p4: await org.person('p4', { unit: units.it, level: 3, location: 'AMS' }),
      p5: await org.person('p5', { unit: units.sales, listed: false }),
      p6: await org.person('p6', {}),
    };
    [{ id: groupG }] = await dataSource.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'G', 'cohort') RETURNING id`,
      [organisationId],
    );
    await dataSource.query(
      `INSERT INTO group_members (group_id, person_id, organisation_id) VALUES ($1, $2, $3)`,
      [groupG, people.p6, organisationId],
    );
    // [id, at, who, type, thread]
    const events: [string, string, string, string, string | null][] = [
      ['e0', '2026-02-20T09:00:00Z', 'p6', 'read', null],
      ['T1', '2026-03-02T10:00:00Z', 'p1', 'post', null],
      ['e2', '2026-03-02T12:00:00Z', 'p3', 'reply', 'T1'],
      ['T2', '2026-03-04T09:00:00Z', 'p1', 'post', null],
      ['e4', '2026-03-04T10:00:00Z', 'p1', 'reply', 'T2'],
      ['e5', '2026-03-05T09:00:00Z', 'p3', 'reply', 'T2'],
      ['T3', '2026-03-06T09:00:00Z', 'p1', 'post', null],
      ['e7', '2026-03-03T09:00:00Z', 'p5', 'post', null],
      ['T4', '2026-03-10T08:00:00Z', 'p3', 'post', null],
      ['e9', '2026-03-10T08:30:00Z', 'p1', 'reply', 'T4'],
      ['e10', '2026-03-11T09:00:00Z', 'p4', 'join', null],
      ['e11', '2026-03-12T09:00:00Z', 'p2', 'read', null],
      ['e12', '2026-03-17T09:00:00Z', 'p2', 'read', null],
      ['e13', '2026-03-18T09:00:00Z', 'p3', 'reaction', 'T4'],
      ['e14', '2026-03-24T09:00:00Z', 'p1', 'reaction', 'T1'],
      ['T5', '2026-03-25T09:00:00Z', 'p2', 'post', null],
      ['e16', '2026-03-25T12:00:00Z', 'p1', 'reply', 'T5'],
    ];
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                    thread_external_id, count)
       SELECT $1, $2, e.*, 1 FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[],
                                        $7::text[]) AS e`,
      [
        organisationId,
        org.sourceId,
        events.map((event) => event[0]),
        events.map((event) => event[1]),
        events.map((event) => people[event[2]]),
        events.map((event) => event[3]),
        events.map((event) => event[4]),
      ],
    );
    await refreshRollups(dataSource, organisationId, {
      from: '2026-02-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const load = (overrides: Partial<PanelRequest>) =>
    loadWeeklyPanel(dataSource, {
      organisationId,
      metric: { kind: 'activity', metric: 'weekly_active' },
      treated: { groupIds: [], orgUnitIds: [units.sales] },
      comparison: { kind: 'rest-of-organisation' },
      from: '2026-03-04', // widened to Monday 03-02
      to: '2026-03-26', // widened to Sunday 03-29
      ...overrides,
    });
  const groupOf = (rows: readonly PanelRow[]) =>
    Object.fromEntries(
      Object.entries(people)
        .filter(([, id]) => rows.some((row) => row.person === id))
        .map(([name, id]) => [name, rows.find((row) => row.person === id)?.group]),
    );

  it('weekly_active: 1 for a week with an active day, 0 without, missing outside employment', async () => {
    const panel = await load({});
    expect(panel).toMatchObject({
      from: FIRST,
      to: LAST,
      weeks: 4,
      comparisonKind: 'rest-of-organisation',
      matching: null,
    });
    // treated: the Sales subtree (p1 in Sales NL, p2 in Sales; p5 is not listed); comparison: everyone else
    expect(groupOf(panel.rows)).toEqual({
      p1: 'treated',
      p2: 'treated',
      p3: 'comparison',
      p4: 'comparison',
      p6: 'comparison',
    });
    expect(valuesByPerson(panel.rows, people, FIRST, 4)).toEqual({
      p1: [1, 1, 0, 1], // posts, reply, nothing, reaction + reply
      p2: [null, null, 1, 1], // starts Wed of W1: W0 and W1 missing (her W1 read does not count); read; post
      p3: [1, 1, null, null], // replies, post; leaves Fri of W2: W2 (her reaction) and W3 missing
      p4: [0, 0, 0, 0], // a join is no activity
      p6: [0, 0, 0, 0], // active before the range only
    });
    expect(panel.recordKeys.size).toBe(5);
  });

  it('contributor: 1 for a creation, response or reaction; a read alone is 0', async () => {
    const panel = await load({ metric: { kind: 'activity', metric: 'contributor' } });
    expect(valuesByPerson(panel.rows, people, FIRST, 4)).toEqual({
      p1: [1, 1, 0, 1],
      p2: [null, null, 0, 1], // W2 a read only
      p3: [1, 1, null, null],
      p4: [0, 0, 0, 0],
      p6: [0, 0, 0, 0],
    });
  });

  it('adopted: 1 from the week of the first active day on, that day before the range included', async () => {
    const panel = await load({ metric: { kind: 'activity', metric: 'adopted' } });
    expect(valuesByPerson(panel.rows, people, FIRST, 4)).toEqual({
      p1: [1, 1, 1, 1], // first active 03-02
      p2: [null, null, 1, 1], // first active 03-12 (a read before her first whole week)
      p3: [1, 1, null, null],
      p4: [0, 0, 0, 0], // joined, never active
      p6: [1, 1, 1, 1], // first active 02-20
    });
  });

  it('hours_to_first_response: mean over the answered threads a person started that week, else missing', async () => {
    const panel = await load({ metric: { kind: 'activity', metric: 'hours_to_first_response' } });
    expect(valuesByPerson(panel.rows, people, FIRST, 4)).toEqual({
      p1: [13, null, null, null], // T1 2 h and T2 24 h (not his own reply after 1 h): (2 + 24) / 2; T3 unanswered
      p2: [null, null, null, 3], // T5: 09:00 → 12:00
      p3: [null, 0.5, null, null], // T4: 08:00 → 08:30
    });
  });

  it('takes the union of groups and org-unit subtrees, everyone when both are empty', async () => {
    const union = await load({ treated: { groupIds: [groupG], orgUnitIds: [units.it] } });
    expect(groupOf(union.rows)).toEqual({
      p1: 'comparison',
      p2: 'comparison',
      p3: 'treated',
      p4: 'treated',
      p6: 'treated', // through G; p6 has no unit
    });
    const everyone = await load({ treated: { groupIds: [], orgUnitIds: [] } });
    expect(groupOf(everyone.rows)).toEqual({
      p1: 'treated',
      p2: 'treated',
      p3: 'treated',
      p4: 'treated',
      p6: 'treated',
    });
    expect(everyone.truncated).toEqual({ treated: false, comparison: false });
    // a comparison population: the Company subtree minus the treated Sales subtree (p6 has no unit)
    const population = await load({
      comparison: { kind: 'population', groupIds: [], orgUnitIds: [units.company] },
    });
    expect(groupOf(population.rows)).toEqual({
      p1: 'treated',
      p2: 'treated',
      p3: 'comparison',
      p4: 'comparison',
    });
    expect(population.comparisonKind).toBe('population');
    // a group without members: nobody treated, everyone compared
    const none = await load({ treated: { groupIds: [randomUUID()], orgUnitIds: [] } });
    expect(none.rows.filter((row) => row.group === 'treated')).toEqual([]);
    expect(Object.keys(groupOf(none.rows))).toEqual(['p1', 'p2', 'p3', 'p4', 'p6']);
  });

  it('refuses ranges over 156 weeks, populations of more than 50 ids, a pre window outside the range', async () => {
    await expect(load({ from: '2023-01-02', to: '2026-01-04' })).rejects.toThrow('at most 156 weeks');
    await expect(
      load({ treated: { groupIds: Array.from({ length: 51 }, () => groupG), orgUnitIds: [] } }),
    ).rejects.toThrow('at most 50');
    await expect(
      load({ comparison: { kind: 'matched', phaseStart: '2026-03-16', preWeeks: 4 } }),
    ).rejects.toThrow('pre window');
  });
});

/*
 * Matched comparison, end to end: 8 weeks of e-mails sent (Monday 2026-03-02 .. Sunday 2026-04-26), the
 * pilot starting in week 4 (03-30), 4 weeks before and after. Every person sends base + w e-mails in week w
 * (a shock shared by everyone).
 *
 * - pilot i (i = 0..5): Pilot department, level 2, AMS, base 20 + i; from week 4 on 5 fewer (the effect −5).
 * - pilot-rot: Pilot department, level unknown (null), ROT, base 30, also 5 fewer.
 * - twin i: Other department, level 2, AMS, base 20.1 + i: the right matches (0.1 away), no change.
 * - rot-twin: Other department, level 1, ROT, base 30.05: pilot-rot's match once the level is dropped.
 * - shop i: Shop team, level 2, AMS, base 20 + i (0 away, but another kind of unit), +10 from week 4.
 * - senior i: Other department, level 3, AMS, base 20 + i (0 away, another level), +10 from week 4.
 * - heavy i: Other department, level 2, AMS, base 60 (same stratum, far), +10 from week 4.
 *
 * Against the rest of the organisation, the comparison's change is 4 (the shock: mean post w 5.5 − mean pre
 * w 1.5) + 10 × 18 / 25 (shop, senior, heavy of 25 people) = 11.2, the pilot's 4 − 5 = −1: effect −12.2.
 * Against the matches (twins and rot-twin, change 4), the effect is −5, the truth.
 */
describe('loadWeeklyPanel: matched comparison on Postgres', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let pilotUnit: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const org = await createOrganisation(dataSource, 'Matched');
    organisationId = org.organisationId;
    pilotUnit = await org.unit('Pilot', 'department', null);
    const other = await org.unit('Other', 'department', null);
    const shop = await org.unit('Shop', 'team', null);
    const plan: {
      name: string;
      unit: string;
      level: number | null;
      location: string;
      base: number;
      post: number;
    }[] = [];
    for (let i = 0; i < 6; i++) {
      plan.push({ name: `pilot-${i}`, unit: pilotUnit, level: 2, location: 'AMS', base: 20 + i, post: -5 });
      plan.push({ name: `twin-${i}`, unit: other, level: 2, location: 'AMS', base: 20.1 + i, post: 0 });
      plan.push({ name: `shop-${i}`, unit: shop, level: 2, location: 'AMS', base: 20 + i, post: 10 });
      plan.push({ name: `senior-${i}`, unit: other, level: 3, location: 'AMS', base: 20 + i, post: 10 });
      plan.push({ name: `heavy-${i}`, unit: other, level: 2, location: 'AMS', base: 60, post: 10 });
    }
    plan.push({ name: 'pilot-rot', unit: pilotUnit, level: null, location: 'ROT', base: 30, post: -5 });
    plan.push({ name: 'rot-twin', unit: other, level: 1, location: 'ROT', base: 30.05, post: 0 });
    const people: string[] = [];
    const days: string[] = [];
    const values: number[] = [];
    for (const entry of plan) {
      ids[entry.name] = await org.person(entry.name, {
        unit: entry.unit,
        level: entry.level,
        location: entry.location,
      });
      for (let w = 0; w < 8; w++) {
        // the week's total on its Monday: a week's value is the sum of its days
        people.push(ids[entry.name]);
        days.push(addDays('2026-03-02', 7 * w));
        values.push(entry.base + w + (w >= 4 ? entry.post : 0));
      }
    }
    await dataSource.query(
      `INSERT INTO usage_metrics (organisation_id, source_id, person_id, day, metric, value)
       SELECT $1, $2, u.person, u.day, 'email.sent', u.value
       FROM unnest($3::uuid[], $4::date[], $5::float8[]) AS u(person, day, value)`,
      [organisationId, org.sourceId, people, days, values],
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const request = (comparison: PanelRequest['comparison']): PanelRequest => ({
    organisationId,
    metric: { kind: 'usage', metric: 'email.sent' },
    treated: { groupIds: [], orgUnitIds: [pilotUnit] },
    comparison,
    from: '2026-03-02',
    to: '2026-04-26',
  });
  const did = (rows: PanelRow[], keys: Map<string, number>) =>
    differenceInDifferences(rows, {
      phaseStart: '2026-03-30',
      preWeeks: 4,
      postWeeks: 4,
      seed: 3,
      replicates: 200,
      minPeoplePerGroup: 5,
      rule: 5,
      recordKeys: keys,
    });
  const names = (panel: { rows: PanelRow[] }, group: string) =>
    Object.entries(ids)
      .filter(([, id]) => panel.rows.some((row) => row.person === id && row.group === group))
      .map(([name]) => name)
      .sort();

  it('matches each pilot to the nearest person of their stratum and recovers the effect', async () => {
    const rest = await loadWeeklyPanel(dataSource, request({ kind: 'rest-of-organisation' }));
    const restEffect = did(rest.rows, rest.recordKeys);
    // see above: −1 − 11.2
    expect(restEffect.effect.estimate).toBeCloseTo(-12.2, 6);

    const panel = await loadWeeklyPanel(
      dataSource,
      request({ kind: 'matched', phaseStart: '2026-03-30', preWeeks: 4 }),
    );
    expect(panel.comparisonKind).toBe('matched');
    expect(names(panel, 'treated')).toEqual(
      [...Array.from({ length: 6 }, (_, i) => `pilot-${i}`), 'pilot-rot'].sort(),
    );
    expect(names(panel, 'comparison')).toEqual(
      [...Array.from({ length: 6 }, (_, i) => `twin-${i}`), 'rot-twin'].sort(),
    );
    const matching = panel.matching!;
    const pairs = new Map(matching.pairs.map((pair) => [pair.treated, pair]));
    for (let i = 0; i < 6; i++) {
      // pre mean of pilot i: 20 + i + mean w 1.5; of twin i: 20.1 + i + 1.5 → 0.1 apart
      expect(pairs.get(ids[`pilot-${i}`])).toMatchObject({ comparison: ids[`twin-${i}`], tier: 'exact' });
      expect(pairs.get(ids[`pilot-${i}`])?.distance).toBeCloseTo(0.1, 9);
    }
    // no Pilot department person of unknown level in ROT: the level is dropped, rot-twin is 0.05 away
    expect(pairs.get(ids['pilot-rot'])).toMatchObject({ comparison: ids['rot-twin'], tier: 'withoutLevel' });
    expect(matching.unmatched).toEqual([]);
    // balance: pre means of the treated 21.5..26.5 and 31.5: mean (6 × 24 + 31.5) / 7 = 25.071; of the
    // candidates: twins 21.6..26.6 (sum 144.6), rot-twin 31.55, shop and senior 21.5..26.5 (144 each), heavy
    // 61.5 (× 6 = 369): (144.6 + 31.55 + 288 + 369) / 25 = 33.326; after: twins and rot-twin (144.6 + 31.55) / 7
    // = 25.164. Pooled SD from the data; the SMDs are the differences over it.
    const sd = matching.pooledSd;
    expect(matching.standardizedMeanDifference.before).toBeCloseTo((25.0714286 - 33.326) / sd, 5);
    expect(matching.standardizedMeanDifference.after).toBeCloseTo((25.0714286 - 25.1642857) / sd, 5);

    const estimate = withComparison(did(panel.rows, panel.recordKeys), panel, 5);
    expect(estimate.effect.estimate).toBeCloseTo(-5, 9);
    expect(estimate).toMatchObject({
      estimable: true,
      comparisonKind: 'matched',
      treated: { people: 7 },
      comparison: { people: 7 },
      matching: {
        treated: 7,
        // the 1 matched without the level is withheld (k = 5), and so is the 6 matched exactly, or 7 − 6
        // would give it away
        matched: { exact: null, withoutLevel: null, kindOnly: 0 },
        unmatched: { beyondCaliper: 0, noCandidate: 0 },
        suppressed: { code: 'below-k', minGroupSize: 5 },
      },
    });
    expect(estimate.matching?.caliper).toBeCloseTo(0.25 * sd, 9);
    expect(differenceInDifferencesReportSchema.parse(estimate)).toMatchObject({ comparisonKind: 'matched' });

    // a non-matched panel says so, without diagnostics
    expect(withComparison(restEffect, rest, 5)).toMatchObject({
      comparisonKind: 'rest-of-organisation',
      matching: null,
    });
  });
});
