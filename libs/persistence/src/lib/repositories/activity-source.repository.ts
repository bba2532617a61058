import type { DataSource } from 'typeorm';
import { ActivitySource } from '../entities/data-source.entity';

/** Activity sources (connector instances) of an organisation. */
export class ActivitySourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every source of the organisation by name, with its encrypted configuration (not selected otherwise). */
  listWithConfig(organisationId: string): Promise<ActivitySource[]> {
    return this.dataSource
      .getRepository(ActivitySource)
      .createQueryBuilder('source')
      .addSelect('source.encryptedConfig')
      .where('source.organisation_id = :organisationId', { organisationId })
      .orderBy('source.name')
      .getMany();
  }

  /** One source of the organisation with its encrypted configuration; null when it has none by that id. */
  findWithConfig(organisationId: string, sourceId: string): Promise<ActivitySource | null> {
    return this.dataSource
      .getRepository(ActivitySource)
      .createQueryBuilder('source')
      .addSelect('source.encryptedConfig')
      .where('source.organisation_id = :organisationId AND source.id = :sourceId', {
        organisationId,
        sourceId,
      })
      .getOne();
  }
}
