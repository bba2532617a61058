import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { ActivitySource, SyncRun, type SyncRunTrigger } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { encryptJson } from '@uptake/security';
import type { Queue } from 'bullmq';
import { QueryFailedError, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import type { CreateSourceDto, SourceDto, UpdateSourceDto } from './dto/source.dto';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.sync) private readonly syncQueue: Queue<RunSyncJob>,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string): Promise<SourceDto[]> {
    const sources = await this.dataSource
      .getRepository(ActivitySource)
      .createQueryBuilder('source')
      .addSelect('source.encryptedConfig')
      .where('source.organisation_id = :organisationId', { organisationId })
      .orderBy('source.name')
      .getMany();
    return sources.map(toSourceDto);
  }

  async create(organisationId: string, input: CreateSourceDto, principal: Principal): Promise<SourceDto> {
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
    input: UpdateSourceDto,
    principal: Principal,
  ): Promise<SourceDto> {
    await this.get(organisationId, sourceId);
    const { credentials, ...rest } = input;
    await this.saveUnique(() =>
      this.dataSource.getRepository(ActivitySource).save({
        id: sourceId,
        organisationId,
        ...rest,
        ...(credentials ? { encryptedConfig: encryptJson(this.config.secretKey, credentials) } : {}),
      }),
    );
    await this.audit.record({
      action: 'source.updated',
      organisationId,
      principal,
      targetType: 'source',
      targetId: sourceId,
      // Which fields changed, never their values (settings may hold tenant ids, credentials are secret).
      details: { fields: Object.keys(input).sort() },
    });
    return (await this.list(organisationId)).find((source) => source.id === sourceId) as SourceDto;
  }

  async remove(organisationId: string, sourceId: string, principal: Principal): Promise<void> {
    const source = await this.get(organisationId, sourceId);
    await this.dataSource.getRepository(ActivitySource).delete({ id: sourceId, organisationId });
    await this.audit.record({
      action: 'source.deleted',
      organisationId,
      principal,
      targetType: 'source',
      targetId: sourceId,
      details: { name: source.name, connectorType: source.connectorType },
    });
  }

  /** Records a queued sync run and enqueues it; the worker does the work. */
  async triggerSync(
    organisationId: string,
    sourceId: string,
    principal: Principal | undefined,
    trigger: SyncRunTrigger = 'manual',
  ): Promise<SyncRun> {
    await this.get(organisationId, sourceId);
    const run = await this.dataSource
      .getRepository(SyncRun)
      .save({ organisationId, sourceId, trigger, status: 'queued' });
    // The run id is the job id: enqueuing the same run twice is a no-op in BullMQ.
    await this.syncQueue.add(
      JOBS.runSync,
      { organisationId, sourceId, syncRunId: run.id },
      { jobId: run.id },
    );
    await this.audit.record({
      action: 'source.sync_requested',
      organisationId,
      principal,
      targetType: 'sync_run',
      targetId: run.id,
      details: { sourceId, trigger },
    });
    return run;
  }

  async syncRun(organisationId: string, syncRunId: string): Promise<SyncRun> {
    const run = await this.dataSource.getRepository(SyncRun).findOneBy({ id: syncRunId, organisationId });
    if (!run) throw new NotFoundException(`Sync run ${syncRunId} not found`);
    return run;
  }

  async syncRuns(organisationId: string, sourceId: string, limit: number): Promise<SyncRun[]> {
    await this.get(organisationId, sourceId);
    return this.dataSource
      .getRepository(SyncRun)
      .find({ where: { organisationId, sourceId }, order: { createdAt: 'DESC' }, take: limit });
  }

  private async get(organisationId: string, sourceId: string): Promise<ActivitySource> {
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

function toSourceDto(source: ActivitySource): SourceDto {
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
