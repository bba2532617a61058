import type { ActivityType, KpiScope } from '@uptake/contracts';
import { ActivitySource, Organisation } from '@uptake/persistence';
import { uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { refreshRollups } from '../../core/rollups';

/*
 * A hand-counted organisation for the community and best-case int-specs (time zone UTC, so days are UTC days).
 *
 * Units: Company (kind organisation) → Sales → Sales EMEA; Company → Engineering; Company → HR.
 *   Sales s1 s2 s3 s6, Sales EMEA s4 s5 (top-level department Sales), Engineering e1..e6, HR h1..h4.
 *
 * Range 2026-03-02 (Mon) .. 2026-03-29 (Sun): four ISO weeks; the series adds the week of 02-23.
 *
 * Thriving (community, cross-department): members s1..s6 e1 e2 (joined 2026-01-10) and e3..e6 (03-17).
 *   T1 s1 post 03-03 10:00  ← e1 reply 10:30 (0.5 h, Eng→Sales)
 *   T2 s1 post 03-10 10:00  ← e3 reply 13:00 (3 h, Eng→Sales)
 *   T3 e1 post 03-04 09:00  ← s4 reply 19:00 (10 h, Sales→Eng: EMEA is in Sales)
 *   T4 s2 question 03-05 08:00 ← e2 answer 03-06 08:00 (24 h)
 *   T5 e2 post 03-12 12:00  ← s3 reply 03-15 12:00 (72 h)
 *   T6 s5 post 03-18 09:00  ← s6 reply 10:00 (1 h, EMEA→Sales: the same top-level department)
 *   T7 e4 post 03-20 09:00, never answered
 *   all 12 members read it on 03-24; s1..s6 e1 e2 read it on 2025-12-15, h1 h2 (no members) on 2025-11-15.
 * Broadcast (channel): members h1..h4 e5 s1 s2 (joined 2026-01-05). h1 posts 12 times (03-02 + 2n days),
 *   h2 on 03-03 and 03-17, h3 03-09, h4 03-23, e5 03-24; s1 and s2 read on 03-25; e1 e2 e3 read it on
 *   2025-12-01 only. Nobody answers.
 * Small (community, no membership listed): s3 post 03-11 10:00 ← e6 reply 12:00 (2 h); h3 reads 03-12.
 * Empty (channel): nothing. Pilot (cohort): members s1..s6, never a community.
 * Outside any group: s1..s5 e1..e5 h1 read on 2026-02-25 (the week of 02-23: org-unit growth has a start).
 */
export interface CommunityOrganisation {
  organisationId: string;
  units: Record<'company' | 'sales' | 'emea' | 'engineering' | 'hr', string>;
  people: Record<string, string>;
  groups: Record<'thriving' | 'broadcast' | 'small' | 'empty' | 'pilot', string>;
}

export const RANGE = { from: '2026-03-02', to: '2026-03-29' } as const;

export function scopeOf(
  organisationId: string,
  overrides: Partial<Pick<KpiScope, 'orgUnitId' | 'groupId' | 'minGroupSize' | 'from' | 'to'>> = {},
): KpiScope {
  return {
    organisationId,
    ...RANGE,
    granularity: 'week',
    orgUnitId: null,
    groupId: null,
    minGroupSize: 5,
    perturbation: false,
    ...overrides,
  };
}

export async function seedCommunityOrganisation(dataSource: DataSource): Promise<CommunityOrganisation> {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name: 'Communities', slug: `communities-${uniqueSuffix()}`, timeZone: 'UTC' });
  const organisationId = organisation.id;
  const sourceId = (
    await dataSource.getRepository(ActivitySource).save({ organisationId, name: 'src', connectorType: 'csv' })
  ).id;
  const unit = async (name: string, parent: string | null, kind = 'department'): Promise<string> => {
    const [row] = await dataSource.query(
      `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organisationId, name, kind, parent],
    );
    return row.id;
  };
  const company = await unit('Company', null, 'organisation');
  const sales = await unit('Sales', company);
  const emea = await unit('Sales EMEA', sales);
  const engineering = await unit('Engineering', company);
  const hr = await unit('HR', company);
  const unitOf: Record<string, string> = {
    s1: sales,
    s2: sales,
    s3: sales,
    s6: sales,
    s4: emea,
    s5: emea,
    e1: engineering,
    e2: engineering,
    e3: engineering,
    e4: engineering,
    e5: engineering,
    e6: engineering,
    h1: hr,
    h2: hr,
    h3: hr,
    h4: hr,
  };
  const people: Record<string, string> = {};
  for (const [pseudonym, orgUnitId] of Object.entries(unitOf)) {
    const [row] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id) VALUES ($1, $2, true, $3) RETURNING id`,
      [organisationId, pseudonym, orgUnitId],
    );
    people[pseudonym] = row.id;
  }
  const group = async (name: string, kind: string, members: [string, string | null][]): Promise<string> => {
    const [row] = await dataSource.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, $3) RETURNING id`,
      [organisationId, name, kind],
    );
    for (const [person, joinedAt] of members) {
      await dataSource.query(
        `INSERT INTO group_members (organisation_id, group_id, person_id, joined_at) VALUES ($1, $2, $3, $4)`,
        [organisationId, row.id, people[person], joinedAt],
      );
    }
    return row.id;
  };
  const early = (names: string[], at: string): [string, string][] => names.map((name) => [name, at]);
  const thriving = await group('Thriving', 'community', [
    ...early(['s1', 's2', 's3', 's4', 's5', 's6', 'e1', 'e2'], '2026-01-10T09:00:00Z'),
    ...early(['e3', 'e4', 'e5', 'e6'], '2026-03-17T09:00:00Z'),
  ]);
  const broadcast = await group(
    'Broadcast',
    'channel',
    early(['h1', 'h2', 'h3', 'h4', 'e5', 's1', 's2'], '2026-01-05T09:00:00Z'),
  );
  const small = await group('Small', 'community', []);
  const empty = await group('Empty', 'channel', []);
  const pilot = await group(
    'Pilot',
    'cohort',
    early(['s1', 's2', 's3', 's4', 's5', 's6'], '2026-01-01T00:00:00Z'),
  );

  type Event = [
    id: string,
    at: string,
    who: string,
    type: ActivityType,
    group: string | null,
    thread?: string,
  ];
  const events: Event[] = [
    ['T1', '2026-03-03T10:00:00Z', 's1', 'post', thriving],
    ['T1r', '2026-03-03T10:30:00Z', 'e1', 'reply', thriving, 'T1'],
    ['T2', '2026-03-10T10:00:00Z', 's1', 'post', thriving],
    ['T2r', '2026-03-10T13:00:00Z', 'e3', 'reply', thriving, 'T2'],
    ['T3', '2026-03-04T09:00:00Z', 'e1', 'post', thriving],
    ['T3r', '2026-03-04T19:00:00Z', 's4', 'reply', thriving, 'T3'],
    ['T4', '2026-03-05T08:00:00Z', 's2', 'question', thriving],
    ['T4a', '2026-03-06T08:00:00Z', 'e2', 'answer', thriving, 'T4'],
    ['T5', '2026-03-12T12:00:00Z', 'e2', 'post', thriving],
    ['T5r', '2026-03-15T12:00:00Z', 's3', 'reply', thriving, 'T5'],
    ['T6', '2026-03-18T09:00:00Z', 's5', 'post', thriving],
    ['T6r', '2026-03-18T10:00:00Z', 's6', 'reply', thriving, 'T6'],
    ['T7', '2026-03-20T09:00:00Z', 'e4', 'post', thriving],
    ...['s1', 's2', 's3', 's4', 's5', 's6', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'].map((who): Event => [
      `read-${who}`,
      '2026-03-24T11:00:00Z',
      who,
      'read',
      thriving,
    ]),
    ...['s1', 's2', 's3', 's4', 's5', 's6', 'e1', 'e2'].map((who): Event => [
      `old-${who}`,
      '2025-12-15T11:00:00Z',
      who,
      'read',
      thriving,
    ]),
    ['old-h1', '2025-11-15T11:00:00Z', 'h1', 'read', thriving],
    ['old-h2', '2025-11-15T11:00:00Z', 'h2', 'read', thriving],
    ...Array.from({ length: 12 }, (_, n): Event => [
      `B-h1-${n}`,
      `2026-03-${String(2 + 2 * n).padStart(2, '0')}T09:00:00Z`,
      'h1',
      'post',
      broadcast,
    ]),
    ['B-h2-1', '2026-03-03T09:00:00Z', 'h2', 'post', broadcast],
    ['B-h2-2', '2026-03-17T09:00:00Z', 'h2', 'post', broadcast],
    ['B-h3', '2026-03-09T09:00:00Z', 'h3', 'post', broadcast],
    ['B-h4', '2026-03-23T09:00:00Z', 'h4', 'post', broadcast],
    ['B-e5', '2026-03-24T09:00:00Z', 'e5', 'post', broadcast],
    ['B-read-s1', '2026-03-25T09:00:00Z', 's1', 'read', broadcast],
    ['B-read-s2', '2026-03-25T09:00:00Z', 's2', 'read', broadcast],
    ...['e1', 'e2', 'e3'].map((who): Event => [
      `B-old-${who}`,
      '2025-12-01T09:00:00Z',
      who,
      'read',
      broadcast,
    ]),
    ['S1', '2026-03-11T10:00:00Z', 's3', 'post', small],
    ['S1r', '2026-03-11T12:00:00Z', 'e6', 'reply', small, 'S1'],
    ['S-read-h3', '2026-03-12T10:00:00Z', 'h3', 'read', small],
    ...['s1', 's2', 's3', 's4', 's5', 'e1', 'e2', 'e3', 'e4', 'e5', 'h1'].map((who): Event => [
      `X-${who}`,
      '2026-02-25T09:00:00Z',
      who,
      'read',
      null,
    ]),
  ];
  const authorOf = new Map(events.map((event) => [event[0], event[2]]));
  await dataSource.query(
    `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                  thread_external_id, target_actor_id, count)
     SELECT $1, $2, e.id, e.at, e.actor, e.type, e.group_id, e.thread, e.target, 1
     FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[], $7::uuid[], $8::text[], $9::uuid[])
          AS e(id, at, actor, type, group_id, thread, target)`,
    [
      organisationId,
      sourceId,
      events.map((event) => event[0]),
      events.map((event) => event[1]),
      events.map((event) => people[event[2]]),
      events.map((event) => event[3]),
      events.map((event) => event[4]),
      events.map((event) => event[5] ?? null),
      events.map((event) => (event[5] ? people[authorOf.get(event[5]) as string] : null)),
    ],
  );
  await refreshRollups(dataSource, organisationId, {
    from: '2025-11-01T00:00:00Z',
    to: '2026-03-31T23:59:59Z',
  });
  return {
    organisationId,
    units: { company, sales, emea, engineering, hr },
    people,
    groups: { thriving, broadcast, small, empty, pilot },
  };
}
