import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthReport, ReadinessReport } from '@uptake/contracts';
import { DatabaseHealthRepository } from '@uptake/persistence';
import { probeStore, readinessReport, withTimeout, PROBE_TIMEOUT_MS } from '@uptake/queues';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { API_REDIS } from '../redis/redis.module';

type Readiness = ReadinessReport['components'];

@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseHealthRepository,
    @Inject(API_REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** GET /api/health: both stores answer (kept as it was for existing probes). */
  async check(): Promise<HealthReport> {
    const { postgres, redis } = await this.stores();
    return {
      status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded',
      components: { postgres, redis },
    };
  }

  /**
   * Ready to serve: the stores answer and the database has every migration this version knows. A version
   * started against an older schema (the launcher's migrations not yet run, or failed) would fail on every
   * query that touches a new column, so it must not get traffic.
   */
  async ready(): Promise<ReadinessReport> {
    const [stores, migrations] = await Promise.all([this.stores(), this.migrations()]);
    return readinessReport({ ...stores, migrations });
  }

  private async stores(): Promise<Pick<Readiness, 'postgres' | 'redis'>> {
    const [postgres, redis] = await Promise.all([
      probeStore(() => this.database.ping()),
      probeStore(() => this.redis.ping()),
    ]);
    return { postgres, redis };
  }

  /** One indexed read of the migrations table, compared with the migrations the data source was built with. */
  private async migrations(): Promise<NonNullable<Readiness['migrations']>> {
    const started = performance.now();
    try {
      const table = this.dataSource.options.migrationsTableName ?? 'migrations';
      const rows: { name: string }[] = await withTimeout(
        this.dataSource.query(`SELECT name FROM "${table}"`),
        PROBE_TIMEOUT_MS,
      );
      const known = this.dataSource.migrations.map(
        (migration) => migration.name ?? migration.constructor.name,
      );
      const pending = pendingMigrations(
        known,
        rows.map((row) => row.name),
      );
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return pending.length === 0
        ? { status: 'up', latencyMs }
        : { status: 'down', error: `${pending.length} migration(s) not applied`, pending };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The known migrations (in their order) that the database has not applied. */
export function pendingMigrations(known: readonly string[], applied: readonly string[]): string[] {
  const done = new Set(applied);
  return known.filter((name) => !done.has(name));
}
