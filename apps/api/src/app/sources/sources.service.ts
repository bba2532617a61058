import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ActivitySource, SyncRun, type SyncRunTrigger } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { OrganisationsService } from '../organisations/organisations.service';

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.sync) private readonly syncQueue: Queue<RunSyncJob>,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(organisationId: string): Promise<ActivitySource[]> {
    await this.organisations.get(organisationId);
    return this.dataSource
      .getRepository(ActivitySource)
      .find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  /** Records a queued sync run and enqueues it; the worker does the work. */
  async triggerSync(
    organisationId: string,
    sourceId: string,
    trigger: SyncRunTrigger = 'manual',
  ): Promise<SyncRun> {
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .findOneBy({ id: sourceId, organisationId });
    if (!source) throw new NotFoundException(`Source ${sourceId} not found`);
    const run = await this.dataSource
      .getRepository(SyncRun)
      .save({ organisationId, sourceId, trigger, status: 'queued' });
    // The run id is the job id: enqueuing the same run twice is a no-op in BullMQ.
    await this.syncQueue.add(
      JOBS.runSync,
      { organisationId, sourceId, syncRunId: run.id },
      { jobId: run.id },
    );
    return run;
  }

  async syncRun(organisationId: string, syncRunId: string): Promise<SyncRun> {
    const run = await this.dataSource.getRepository(SyncRun).findOneBy({ id: syncRunId, organisationId });
    if (!run) throw new NotFoundException(`Sync run ${syncRunId} not found`);
    return run;
  }

  async syncRuns(organisationId: string, sourceId: string): Promise<SyncRun[]> {
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .findOneBy({ id: sourceId, organisationId });
    if (!source) throw new NotFoundException(`Source ${sourceId} not found`);
    return this.dataSource
      .getRepository(SyncRun)
      .find({ where: { organisationId, sourceId }, order: { createdAt: 'DESC' }, take: 100 });
  }
}
