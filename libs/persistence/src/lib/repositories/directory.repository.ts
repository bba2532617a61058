import type { GroupKind, OrgUnitKind } from '@uptake/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** Where a population filter's ids live. */
export type DirectoryTable = 'org_units' | 'groups';

/** An org unit with its subtree's head count (people in the directory) and the cell key of that count. */
export interface OrgUnitHeadCountRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: OrgUnitKind;
  people: number;
  key: number;
  /** People directly in the unit (not in a child unit). */
  direct: number;
}

/** A group with its member count and the cell key of that count. */
export interface GroupHeadCountRow {
  id: string;
  name: string;
  kind: GroupKind;
  source_id: string | null;
  members: number;
  key: number;
}

/** The organisation's structure (org units) and groups (communities, cohorts). */
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every org unit in tree order (by path). */
  orgUnitHeadCounts(organisationId: string): Promise<OrgUnitHeadCountRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.parent_id, u.name, u.kind, s.people, s.key,
              (SELECT count(*)::int FROM people p
                WHERE p.organisation_id = $1 AND p.in_directory AND p.org_unit_id = u.id) AS direct
         FROM org_units u
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS people, (coalesce(sum(p.record_key), 0) % 4294967296)::float8 AS key
           FROM people p JOIN org_units pu ON pu.id = p.org_unit_id
           WHERE p.organisation_id = $1 AND p.in_directory AND pu.path LIKE u.path || '%') s
         WHERE u.organisation_id = $1
         ORDER BY u.path`,
      [organisationId],
    );
  }

  /** Every group, cohorts first, then by name. */
  groupHeadCounts(organisationId: string): Promise<GroupHeadCountRow[]> {
    return this.dataSource.query(
      `SELECT g.id, g.name, g.kind, g.source_id, m.members, m.key
         FROM groups g
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS members, (coalesce(sum(p.record_key), 0) % 4294967296)::float8 AS key
           FROM group_members gm JOIN people p ON p.organisation_id = gm.organisation_id AND p.id = gm.person_id
           WHERE gm.group_id = g.id) m
         WHERE g.organisation_id = $1
         ORDER BY g.kind = 'cohort' DESC, lower(g.name)`,
      [organisationId],
    );
  }

  /** Whether the organisation has this org unit or group. */
  async exists(table: DirectoryTable, organisationId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${table} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    return rows.length > 0;
  }

  /** Of these ids, those that are not the organisation's org units (or groups), in the order given. */
  async missing(table: DirectoryTable, organisationId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ${table} WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    const found = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !found.has(id));
  }

  /** Deletes these groups if they are cohorts (a removed phase's populations); communities stay. */
  async deleteCohorts(groupIds: readonly string[], manager: EntityManager = this.dataSource.manager) {
    if (groupIds.length === 0) return;
    await manager.query(`DELETE FROM groups WHERE id = ANY($1::uuid[]) AND kind = 'cohort'`, [groupIds]);
  }
}
