import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganisationSummary } from '@uptake/contracts';
import { Organisation, OrganisationRepository } from '@uptake/persistence';
import type { DataSource } from 'typeorm';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** Only the organisations the caller has a role in. */
  async list(organisationIds: readonly string[]): Promise<OrganisationSummary[]> {
    return this.organisations.summaries(organisationIds);
  }

  /** Loads an organisation or answers 404 (also used by other modules to scope every request). */
  async get(organisationId: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!organisation) throw new NotFoundException(`Organisation ${organisationId} not found`);
    return organisation;
  }
}
