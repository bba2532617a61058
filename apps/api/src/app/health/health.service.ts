import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthReport, ReadinessReport } from '@uptake/contracts';
import type { ResolvedConfig } from '@uptake/config';
import { DatabaseHealthRepository, spoolStoreFor } from '@uptake/persistence';
import { probeStore, readinessReport, withTimeout, PROBE_TIMEOUT_MS } from '@uptake/queues';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config/config.module';
import { API_REDIS } from '../redis/redis.module';

type Readiness = ReadinessReport['components'];

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly database: DatabaseHealthRepository,
    @Inject(API_REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /**
   * GET /api/health: whether both stores answer (the status, as it was for existing probes), and whether the
   * spool can be written to. The spool does not decide the status, nor readiness: every instance shares it,
   * so taking instances out of rotation while it is down would stop KPI reads too, for nothing (uploads and
   * webhook pushes answer 503 "try later" meanwhile). This answer is public, so the spool's failure is
   * named without its path or bucket; the detail goes to the log.
   */
  async check(): Promise<HealthReport> {
    const [{ postgres, redis }, spool] = await Promise.all([
      this.stores(),
      probeStore(() => this.spoolProbe()),
    ]);
    const up = postgres.status === 'up' && redis.status === 'up';
    return { status: up ? 'ok' : 'degraded', components: { postgres, redis, spool } };
  }

  private async spoolProbe(): Promise<void> {
    const store = spoolStoreFor(this.config);
    try {
      await store.probe();
    } catch (error) {
      this.logger.warn(`Spool probe failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new Error(`the ${store.kind} spool store cannot be written to (details in the API's log)`);
    }
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
