import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateDemoOrganisation, type DemoOptions } from '@uptake/demo';
import { loadDemoOrganisation } from '@uptake/ingest';
import { ActivitySource, SyncRun } from '@uptake/persistence';
import type { RunSyncJob } from '@uptake/queues';
import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';

/** Settings of the 'demo' connector: the generator's options plus an optional event volume. */
export interface DemoSourceSettings extends DemoOptions {
  targetEvents?: number;
}

export interface SyncAttempt {
  attempt: number;
  maxAttempts: number;
}

/**
 * Runs one sync run: marks it running, pulls the source through its connector into Postgres, and
 * records counts and outcome on the run. Connectors arrive with the ingestion issue; the demo generator
 * is the first source type.
 */
@Injectable()
export class SyncRunService {
  private readonly logger = new Logger(SyncRunService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(job: RunSyncJob, attempt: SyncAttempt): Promise<SyncRun> {
    const runs = this.dataSource.getRepository(SyncRun);
    const run = await runs.findOneBy({ id: job.syncRunId, organisationId: job.organisationId });
    if (!run) throw new UnrecoverableError(`sync run ${job.syncRunId} does not exist`);
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .findOneBy({ id: job.sourceId, organisationId: job.organisationId });
    if (!source) throw new UnrecoverableError(`source ${job.sourceId} does not exist`);

    await runs.update(run.id, { status: 'running', startedAt: new Date(), finishedAt: null, error: null });
    try {
      const counts = await this.pull(source, run);
      await runs.update(run.id, { status: 'succeeded', finishedAt: new Date(), ...counts });
      this.logger.log(`sync run ${run.id} of source ${source.id} succeeded: ${JSON.stringify(counts)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = error instanceof UnrecoverableError || attempt.attempt >= attempt.maxAttempts;
      // A run that will be retried goes back to 'queued' with the error of this attempt.
      await runs.update(run.id, {
        status: final ? 'failed' : 'queued',
        finishedAt: final ? new Date() : null,
        error: message,
      });
      throw error;
    }
    return runs.findOneByOrFail({ id: run.id });
  }

  private async pull(
    source: ActivitySource,
    run: SyncRun,
  ): Promise<Pick<SyncRun, 'recordsRead' | 'recordsInserted' | 'recordsDuplicate' | 'recordsQuarantined'>> {
    switch (source.connectorType) {
      case 'demo': {
        const { targetEvents, ...options } = source.settings as DemoSourceSettings;
        const result = await loadDemoOrganisation(
          this.dataSource,
          { organisationId: source.organisationId, sourceId: source.id },
          generateDemoOrganisation(options),
          {
            targetEvents,
            onProgress: async (progress) => {
              await this.dataSource.getRepository(SyncRun).update(run.id, {
                recordsRead: progress.read,
                recordsInserted: progress.inserted,
                recordsDuplicate: progress.duplicates,
              });
            },
          },
        );
        return {
          recordsRead: result.read,
          recordsInserted: result.inserted,
          recordsDuplicate: result.duplicates,
          recordsQuarantined: 0,
        };
      }
      default:
        throw new UnrecoverableError(`no connector for source type '${source.connectorType}'`);
    }
  }
}
