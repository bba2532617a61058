import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupView, OrgUnitView } from '@uptake/contracts';
import { isSuppressed } from '@uptake/kpi';
import type { DataSource } from 'typeorm';
import { OrganisationsService } from '../organisations/organisations.service';

/** The organisation's structure and groups, for filters and labels; head counts below k are withheld. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async orgUnits(organisationId: string): Promise<OrgUnitView[]> {
    const { minGroupSize } = await this.organisations.get(organisationId);
    const rows: {
      id: string;
      parent_id: string | null;
      name: string;
      kind: OrgUnitView['kind'];
      people: number;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.parent_id, u.name, u.kind,
                (SELECT count(*)::int FROM people p JOIN org_units pu ON pu.id = p.org_unit_id
                 WHERE p.organisation_id = $1 AND p.in_directory AND pu.path LIKE u.path || '%') AS people
         FROM org_units u WHERE u.organisation_id = $1
         ORDER BY u.path`,
      [organisationId],
    );
    return rows.map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      kind: row.kind,
      people: isSuppressed(row.people, minGroupSize) ? null : row.people,
    }));
  }

  async groups(organisationId: string): Promise<GroupView[]> {
    const { minGroupSize } = await this.organisations.get(organisationId);
    const rows: {
      id: string;
      name: string;
      kind: GroupView['kind'];
      source_id: string | null;
      members: number;
    }[] = await this.dataSource.query(
      `SELECT g.id, g.name, g.kind, g.source_id,
                (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id) AS members
         FROM groups g WHERE g.organisation_id = $1
         ORDER BY g.kind = 'cohort' DESC, lower(g.name)`,
      [organisationId],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      sourceId: row.source_id,
      members: isSuppressed(row.members, minGroupSize) ? null : row.members,
    }));
  }
}
