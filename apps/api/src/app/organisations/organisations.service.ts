import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganisationSummary } from '@uptake/contracts';
import { Organisation } from '@uptake/persistence';
import type { DataSource } from 'typeorm';

@Injectable()
export class OrganisationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Only the organisations the caller has a role in. */
  async list(organisationIds: readonly string[]): Promise<OrganisationSummary[]> {
    const rows: (Omit<OrganisationSummary, 'people'> & { people: string })[] = await this.dataSource.query(
      `SELECT o.id, o.name, o.slug, o.min_group_size AS "minGroupSize", o.perturbation,
              (SELECT count(*) FROM people p WHERE p.organisation_id = o.id AND p.end_date IS NULL) AS people
       FROM organisations o WHERE o.id = ANY($1::uuid[]) ORDER BY o.name`,
      [organisationIds],
    );
    return rows.map((row) => ({ ...row, people: Number(row.people) }));
  }

  /** Loads an organisation or answers 404 (also used by other modules to scope every request). */
  async get(organisationId: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    return organisation;
  }
}
