import { refreshRollups } from '@uptake/kpi';
import type { DataSource } from 'typeorm';
import type { TestTenant } from './support';

/**
 * A small organisation with activity, so that the KPI reports hold figures as well as withheld ones (k = 3):
 * two departments of three and two people, one person outside the directory, a pilot cohort of three, and a
 * few days of posts, replies, reactions and reads in March 2026.
 */
export async function seedActivity(dataSource: DataSource, tenant: TestTenant): Promise<void> {
  const organisationId = tenant.organisation.id;
  const q = (sql: string, params: unknown[]) => dataSource.query(sql, params);
  await q(`UPDATE organisations SET min_group_size = 3 WHERE id = $1`, [organisationId]);
  const unit = async (name: string, kind: string, parent: string | null): Promise<string> => {
    const [row] = await q(
      `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organisationId, name, kind, parent],
    );
    return row.id;
  };
  const company = await unit('Company', 'division', null);
  const units = {
    sales: await unit('Sales', 'department', company),
    hr: await unit('HR', 'department', company),
  };
  const people: Record<string, string> = {};
  const roster: [string, string | null][] = [
    ['a', units.sales],
    ['b', units.sales],
    ['c', units.sales],
    ['d', units.hr],
    ['e', units.hr],
    ['f', null],
  ];
  for (const [key, unitId] of roster) {
    const [row] = await q(
      `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organisationId, `conformance-${key}`, unitId !== null, unitId],
    );
    people[key] = row.id;
  }
  const [pilot] = await q(
    `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Pilot', 'cohort') RETURNING id`,
    [organisationId],
  );
  for (const key of ['a', 'b', 'd']) {
    await q(`INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`, [
      organisationId,
      pilot.id,
      people[key],
    ]);
  }
  const events: [string, string, string, string, string | null, string | null][] = [
    ['a1', '2026-03-02T09:00:00Z', 'a', 'post', null, null],
    ['b1', '2026-03-02T10:00:00Z', 'b', 'reply', 'a1', 'a'],
    ['c1', '2026-03-02T11:00:00Z', 'c', 'reaction', 'a1', 'a'],
    ['d1', '2026-03-03T09:00:00Z', 'd', 'read', null, null],
    ['e1', '2026-03-03T09:30:00Z', 'e', 'question', null, null],
    ['a2', '2026-03-03T12:00:00Z', 'a', 'answer', 'e1', 'e'],
    ['f1', '2026-03-09T08:00:00Z', 'f', 'post', null, null],
    ['d2', '2026-03-09T09:00:00Z', 'd', 'reply', 'f1', 'f'],
    ['b2', '2026-03-16T09:00:00Z', 'b', 'post', null, null],
    ['c2', '2026-03-16T10:00:00Z', 'c', 'reaction', 'b2', 'b'],
    ['e2', '2026-03-23T10:00:00Z', 'e', 'reply', 'b2', 'b'],
  ];
  for (const [id, at, actor, type, thread, target] of events) {
    await q(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                    thread_external_id, target_actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [organisationId, tenant.source.id, id, at, people[actor], type, thread, target ? people[target] : null],
    );
  }
  await refreshRollups(dataSource, organisationId, {
    from: '2026-03-01T00:00:00Z',
    to: '2026-03-31T00:00:00Z',
  });
}
