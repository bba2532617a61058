import { InjectQueue } from '@nestjs/bullmq';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  ConnectorConfigError,
  parseConnectorConfig,
  parseConnectorSettings,
  type Connector,
} from '@uptake/connector-sdk';
import { connectorFor } from '@uptake/connectors';
import {
  ActivityEventRepository,
  ActivitySource,
  ActivitySourceRepository,
  Organisation,
  RollupRefreshRequestRepository,
  SyncRun,
  type SyncRunInput,
  type SyncRunTrigger,
} from '@uptake/persistence';
import {
  applySourceSchedule,
  cronProblem,
  enqueueRollupRefresh,
  enqueueSyncRun,
  QUEUES,
  type UptakeQueue,
} from '@uptake/queues';
import { encryptJson } from '@uptake/security';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import type { NewSource, Source, SourceChange } from '@uptake/contracts';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.sync) private readonly syncQueue: UptakeQueue<'sync'>,
    @InjectQueue(QUEUES.recompute) private readonly recomputeQueue: UptakeQueue<'recompute'>,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly audit: AuditService,
    private readonly sources: ActivitySourceRepository,
    private readonly events: ActivityEventRepository,
    private readonly refreshes: RollupRefreshRequestRepository,
  ) {}

  async list(organisationId: string): Promise<Source[]> {
    return (await this.sources.listWithConfig(organisationId)).map(toSourceDto);
  }

  async create(organisationId: string, input: NewSource, principal: Principal): Promise<Source> {
    const connector = this.connector(input.connectorType);
    this.validateConfig(connector, input.settings ?? {}, input.credentials ?? {}, true);
    const timeZone = await this.timeZone(organisationId);
    this.validateSchedule(input.schedule, timeZone);
    const source = await this.saveUnique(() =>
      this.dataSource.getRepository(ActivitySource).save({
        organisationId,
        name: input.name,
        connectorType: input.connectorType,
        settings: input.settings ?? {},
        encryptedConfig: input.credentials ? encryptJson(this.config.secretKey, input.credentials) : null,
        schedule: input.schedule ?? null,
        enabled: input.enabled ?? true,
      }),
    );
    await applySourceSchedule(this.syncQueue, source, timeZone);
    await this.audit.record({
      action: 'source.created',
      organisationId,
      principal,
      targetType: 'source',
      targetId: source.id,
      details: {
        name: input.name,
        connectorType: input.connectorType,
        credentials: Boolean(input.credentials),
      },
    });
    return toSourceDto(source);
  }

  async update(
    organisationId: string,
    sourceId: string,
    input: SourceChange,
    principal: Principal,
  ): Promise<Source> {
    const existing = await this.get(organisationId, sourceId);
    const connector = this.connector(existing.connectorType);
    this.validateConfig(
      connector,
      input.settings ?? existing.settings,
      input.credentials,
      Boolean(input.credentials),
    );
    const timeZone = await this.timeZone(organisationId);
    this.validateSchedule(input.schedule, timeZone);
    const { credentials, ...rest } = input;
    const saved = await this.saveUnique(() =>
      this.dataSource.getRepository(ActivitySource).save({
        id: sourceId,
        organisationId,
        ...rest,
        ...(credentials ? { encryptedConfig: encryptJson(this.config.secretKey, credentials) } : {}),
      }),
    );
    await applySourceSchedule(this.syncQueue, { ...existing, ...saved }, timeZone);
    await this.audit.record({
      action: 'source.updated',
      organisationId,
      principal,
      targetType: 'source',
      targetId: sourceId,
      // Which fields changed, never their values (settings may hold tenant ids, credentials are secret).
      details: { fields: Object.keys(input).sort() },
    });
    return (await this.list(organisationId)).find((source) => source.id === sourceId) as Source;
  }

  async remove(organisationId: string, sourceId: string, principal: Principal): Promise<void> {
    const source = await this.get(organisationId, sourceId);
    // The source's events go with it (cascade): the rollups of the days they covered must be recomputed.
    const span = await this.events.sourceSpan(organisationId, sourceId);
    // The refresh is recorded with the deletion: if its job is lost, the worker's reconciler queues it again.
    const refresh = await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(ActivitySource).delete({ id: sourceId, organisationId });
      if (!span) return null;
      return this.refreshes.create(
        { organisationId, from: span.first, to: span.last, reason: 'source-deleted' },
        manager,
      );
    });
    await applySourceSchedule(this.syncQueue, { ...source, schedule: null });
    if (refresh) await enqueueRollupRefresh(this.recomputeQueue, refresh);
    await this.audit.record({
      action: 'source.deleted',
      organisationId,
      principal,
      targetType: 'source',
      targetId: sourceId,
      details: { name: source.name, connectorType: source.connectorType },
    });
  }

  /**
   * Records a queued sync run and enqueues it; the worker does the work. File runs (uploads, webhook
   * batches) carry their spooled file; a file connector cannot be synced without one.
   */
  async triggerSync(
    organisationId: string,
    sourceId: string,
    principal: Principal | undefined,
    trigger: SyncRunTrigger = 'manual',
    input: SyncRunInput | null = null,
  ): Promise<SyncRun> {
    const source = await this.get(organisationId, sourceId);
    if (!input && this.connector(source.connectorType).input === 'file') {
      throw new BadRequestException(
        `A ${source.connectorType} source reads files: upload one to POST /api/organisations/${organisationId}/sources/${sourceId}/uploads`,
      );
    }
    const run = await this.dataSource
      .getRepository(SyncRun)
      .save({ organisationId, sourceId, trigger, status: 'queued', input });
    try {
      await this.enqueueRun(run, principal, trigger);
    } catch (error) {
      // Not queued (Redis unreachable: the caller gets 503): nothing is kept, so trying again later does
      // not sync twice.
      await this.dataSource
        .getRepository(SyncRun)
        .delete(run.id)
        .catch(() => undefined);
      throw error;
    }
    return run;
  }

  /** Queues a recorded run for the worker and audits the request. */
  async enqueueRun(run: SyncRun, principal: Principal | undefined, trigger: string): Promise<void> {
    // The run id is the job id: enqueuing the same run twice is a no-op in BullMQ.
    await enqueueSyncRun(this.syncQueue, run);
    await this.audit.record({
      action: 'source.sync_requested',
      organisationId: run.organisationId,
      principal,
      targetType: 'sync_run',
      targetId: run.id,
      details: { sourceId: run.sourceId, trigger },
    });
  }

  /** The source's connector; sources of a type this version does not know cannot be used. */
  connector(type: string): Connector<unknown, unknown> {
    const connector = connectorFor(type);
    if (!connector) throw new BadRequestException(`connectorType: no connector for '${type}'`);
    return connector;
  }

  /** Settings always; credentials when given (or required at creation): every bad field is named. */
  private validateConfig(
    connector: Connector<unknown, unknown>,
    settings: unknown,
    credentials: unknown,
    checkCredentials: boolean,
  ): void {
    try {
      if (checkCredentials) parseConnectorConfig(connector, settings, credentials);
      else parseConnectorSettings(connector, settings);
    } catch (error) {
      if (error instanceof ConnectorConfigError) throw new BadRequestException(error.issues);
      throw error;
    }
  }

  private validateSchedule(schedule: string | undefined | null, timeZone: string): void {
    if (!schedule) return;
    const problem = cronProblem(schedule, timeZone);
    if (problem) throw new BadRequestException([`schedule: ${problem}`]);
  }

  private async timeZone(organisationId: string): Promise<string> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id: organisationId });
    return organisation?.timeZone ?? 'UTC';
  }

  async get(organisationId: string, sourceId: string): Promise<ActivitySource> {
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .findOneBy({ id: sourceId, organisationId });
    if (!source) throw new NotFoundException(`Source ${sourceId} not found`);
    return source;
  }

  private async saveUnique<T>(save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ConflictException('name: a source with this name exists already');
      }
      throw error;
    }
  }
}

function toSourceDto(source: ActivitySource): Source {
  return {
    id: source.id,
    name: source.name,
    connectorType: source.connectorType,
    enabled: source.enabled,
    schedule: source.schedule,
    settings: source.settings,
    hasCredentials: source.encryptedConfig !== null && source.encryptedConfig !== undefined,
  };
}
