import type { DataSource } from 'typeorm';

/** The health check's view of Postgres. */
export class DatabaseHealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves when Postgres answers a query. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
