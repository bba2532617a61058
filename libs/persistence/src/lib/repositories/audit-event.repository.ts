import type { DataSource } from 'typeorm';
import { AuditEvent } from '../entities/user.entity';

/** The audit log. */
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An organisation's entries, newest first, `limit` at a time; `before` continues after a page's last id. */
  page(organisationId: string, options: { limit: number; before?: string }): Promise<AuditEvent[]> {
    const query = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('audit')
      .where('audit.organisation_id = :organisationId', { organisationId })
      .orderBy('audit.id', 'DESC')
      .limit(options.limit);
    if (options.before) query.andWhere('audit.id < :before', { before: options.before });
    return query.getMany();
  }
}
