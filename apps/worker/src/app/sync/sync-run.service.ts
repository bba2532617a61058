import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  ConnectorConfigError,
  fileReadErrorsAreFinal,
  HttpClient,
  InputError,
  parseConnectorConfig,
  type Connector,
  type ConnectorState,
  type InputFile,
} from '@uptake/connector-sdk';
import { connectorFor } from '@uptake/connectors';
import { ingest, runOutcome, WarningSet, type IngestResult } from '@uptake/ingest';
import {
  ActivitySource,
  RollupRefreshRequestRepository,
  SpoolMissingError,
  spoolStoreFor,
  SyncRun,
  type MaterialisedSpoolFile,
  type SpoolStore,
} from '@uptake/persistence';
import type { RunSyncJob } from '@uptake/queues';
import { decryptJson } from '@uptake/security';
import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { WorkerMetrics } from '../http/worker-metrics';
import { RecomputeQueue } from '../recompute/recompute.queue';
import { tryAdvisoryLock, type AdvisoryLock } from '../stores/advisory-lock';
import { StoreOutages } from '../stores/store-outages';
import { SourceRateLimiters } from './source-rate-limiters';

export interface SyncAttempt {
  attempt: number;
  maxAttempts: number;
  /** A store outage does not count as an attempt (the job waits it out): such a failure is never final. */
  waitsOutOutages?: boolean;
  /** Called once the run is marked running (Postgres answers). */
  started?: () => Promise<void>;
}

/** Another run of the same source holds its lock: the job waits and tries again. */
export class SourceBusyError extends Error {}

/** Progress is written at most this often (a file read reports every chunk). */
const PROGRESS_INTERVAL_MS = 1_000;

/**
 * Runs one sync run: takes the source's lock, reads the source through its connector from the run's
 * last committed checkpoint, stores through the ingest pipeline (which commits counts and checkpoint
 * with each batch), then records the outcome and asks for the touched days' rollups to be refreshed.
 * A killed worker's job is taken over by another worker and resumes from the checkpoint.
 */
@Injectable()
export class SyncRunService {
  private readonly logger = new Logger(SyncRunService.name);
  /** Aborted at shutdown: connectors stop at the next record, the pipeline commits what it has. */
  private readonly shutdown = new AbortController();
  private readonly spool: SpoolStore;
  private readonly refreshes: RollupRefreshRequestRepository;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly rateLimiters: SourceRateLimiters,
    private readonly recompute: RecomputeQueue,
    private readonly outages: StoreOutages,
    private readonly metrics: WorkerMetrics,
  ) {
    this.spool = spoolStoreFor(config);
    this.refreshes = new RollupRefreshRequestRepository(dataSource);
  }

  /** Worker shutdown: running syncs stop at their next record and commit what they read. */
  interrupt(): void {
    this.shutdown.abort(new Error('worker shutting down'));
  }

  /** Creates the run of a scheduled sync (one per scheduler tick) and returns its id. */
  async createScheduledRun(organisationId: string, sourceId: string): Promise<string | null> {
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .findOneBy({ id: sourceId, organisationId });
    if (!source || !source.enabled) return null;
    const run = await this.dataSource
      .getRepository(SyncRun)
      .save({ organisationId, sourceId, trigger: 'schedule', status: 'queued' });
    return run.id;
  }

  async run(job: RunSyncJob, attempt: SyncAttempt): Promise<SyncRun> {
    const runs = this.dataSource.getRepository(SyncRun);
    const run = await runs.findOneBy({ id: job.syncRunId, organisationId: job.organisationId });
    if (!run) throw new UnrecoverableError(`sync run ${job.syncRunId} does not exist`);
    if (run.status === 'succeeded' || run.status === 'cancelled') return run;
    const source = await this.dataSource
      .getRepository(ActivitySource)
      .createQueryBuilder('source')
      .addSelect('source.encryptedConfig')
      .where('source.id = :id AND source.organisation_id = :organisationId', {
        id: job.sourceId,
        organisationId: job.organisationId,
      })
      .getOne();
    if (!source) throw new UnrecoverableError(`source ${job.sourceId} does not exist`);

    const lock = await this.lockSource(source.id);
    try {
      await runs.update(run.id, {
        status: 'running',
        startedAt: run.startedAt ?? new Date(),
        finishedAt: null,
        error: null,
        attempts: run.attempts + 1,
      });
      await attempt.started?.();
      const result = await this.pull(source, run);
      if (this.shutdown.signal.aborted) {
        throw new Error('interrupted by worker shutdown; the next attempt resumes from the last checkpoint');
      }
      await this.finish(source, run, result);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // An input that can never be read (InputError) fails at once, like a configuration error.
      const final =
        error instanceof UnrecoverableError ||
        error instanceof InputError ||
        (attempt.attempt >= attempt.maxAttempts &&
          !(attempt.waitsOutOutages && (await this.outages.classify(error))));
      // A run that will be retried goes back to 'queued' with the error of this attempt. In an outage
      // this write fails too: the original error is what the job reports, and the reconciler records a
      // final failure once Postgres is back.
      await runs
        .update(run.id, {
          status: final ? 'failed' : 'queued',
          finishedAt: final ? new Date() : null,
          error: message,
        })
        .catch((updateError: Error) =>
          this.logger.warn(`sync run ${run.id}: could not record its failure: ${updateError.message}`),
        );
      this.logger.warn(`sync run ${run.id} of source ${source.id} failed (final: ${final}): ${message}`);
      throw error instanceof InputError ? new UnrecoverableError(message) : error;
    } finally {
      // A lost connection has released the session lock already.
      await lock
        .release()
        .catch((error: Error) => this.logger.warn(`source lock of run ${run.id}: ${error.message}`));
    }
    return runs.findOneByOrFail({ id: run.id });
  }

  private async pull(source: ActivitySource, run: SyncRun): Promise<IngestResult> {
    const connector = connectorFor(source.connectorType);
    if (!connector) throw new UnrecoverableError(`no connector for source type '${source.connectorType}'`);
    const configuration = this.configuration(connector, source);
    const input = await this.inputFile(connector, run);
    try {
      return await this.read(source, run, connector, configuration, input?.file);
    } finally {
      await input?.local
        .release()
        .catch((error: Error) => this.logger.warn(`local copy of run ${run.id}'s file: ${error.message}`));
    }
  }

  /** Reads the source (or its run's local file) through its connector into the ingest pipeline. */
  private read(
    source: ActivitySource,
    run: SyncRun,
    connector: Connector<unknown, unknown>,
    { settings, credentials }: { settings: unknown; credentials: unknown },
    file: InputFile | undefined,
  ): Promise<IngestResult> {
    // A file is read from its start (or the run's checkpoint); an API source from the source's last sync.
    const startState = (run.checkpoint ?? (file ? {} : source.state)) as ConnectorState;

    const runs = this.dataSource.getRepository(SyncRun);
    let lastProgressAt = 0;
    const read = connector.read({
      settings,
      credentials,
      state: startState,
      file,
      http: new HttpClient({ limiter: this.rateLimiters.forSource(source.id, connector) }),
      signal: this.shutdown.signal,
      progress: (done, total) => {
        const now = Date.now();
        if (now - lastProgressAt < PROGRESS_INTERVAL_MS && done !== total) return;
        lastProgressAt = now;
        void runs
          // Connectors may report estimates (the demo's expected total): the columns hold whole units.
          .update(run.id, {
            progressDone: Math.round(done),
            progressTotal: total === null ? null : Math.round(total),
          })
          .catch((error: Error) => this.logger.warn(`progress of run ${run.id}: ${error.message}`));
      },
      log: {
        info: (message) => this.logger.log(`[${source.connectorType} ${source.id}] ${message}`),
        warn: (message) => this.logger.warn(`[${source.connectorType} ${source.id}] ${message}`),
      },
      now: () => new Date(),
    });
    return ingest(
      this.dataSource,
      { organisationId: source.organisationId, sourceId: source.id, syncRunId: run.id },
      file ? fileReadErrorsAreFinal(read) : read,
      {
        initialState: startState,
        batchSize: this.config.worker.syncBatchSize,
        fileName: file?.name,
        timeWindow: this.config.timeWindow,
        signal: this.shutdown.signal,
      },
    );
  }

  private async finish(source: ActivitySource, run: SyncRun, result: IngestResult): Promise<void> {
    const counts = await this.dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });
    const outcome = runOutcome(counts, run.input ? 'file' : 'api');
    if (outcome && 'failure' in outcome) throw new UnrecoverableError(outcome.failure);
    const warnings = outcome ? new WarningSet([...result.warnings, outcome.warning]).toJSON() : undefined;
    const refresh = await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(SyncRun)
        .update(run.id, { status: 'succeeded', finishedAt: new Date(), ...(warnings ? { warnings } : {}) });
      // The next scheduled or manual sync of an API source continues from here.
      if (!run.input) {
        await manager.query('UPDATE data_sources SET state = $2::jsonb, updated_at = now() WHERE id = $1', [
          source.id,
          JSON.stringify(result.state),
        ]);
      }
      // The refresh of the days the run stored events on (the span it recorded; none when it stored none),
      // committed with the outcome: a job Redis loses is queued again from this row (RollupReconciler).
      if (!counts.affectedFrom || !counts.affectedTo) return null;
      return this.refreshes.create(
        {
          organisationId: run.organisationId,
          from: counts.affectedFrom,
          to: counts.affectedTo,
          reason: 'sync-run',
          syncRunId: run.id,
        },
        manager,
      );
    });
    const stored = await this.dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });
    this.metrics.syncRunSucceeded(source.connectorType, stored.recordsInserted);
    // The run has succeeded: a queue that fails now leaves the recorded request to the reconciler.
    if (refresh) {
      await this.recompute
        .refresh(refresh)
        .catch((error: Error) =>
          this.logger.warn(`rollup refresh of run ${run.id} left to the reconciler: ${error.message}`),
        );
    }
    // The spooled upload or webhook batch is no longer needed once its run succeeded. A store that fails
    // now leaves it to the reconciler's cleanup (the run succeeded: its item is an orphan).
    if (run.input) {
      await this.spool
        .delete(run.input.spoolPath)
        .catch((error: Error) => this.logger.warn(`spooled file of run ${run.id}: ${error.message}`));
    }
    this.logger.log(
      `sync run ${run.id} of source ${source.id} succeeded: read ${stored.recordsRead}, inserted ` +
        `${stored.recordsInserted}, duplicates ${stored.recordsDuplicate}, quarantined ${stored.recordsQuarantined}`,
    );
  }

  private configuration(
    connector: Connector<unknown, unknown>,
    source: ActivitySource,
  ): { settings: unknown; credentials: unknown } {
    try {
      const credentials = source.encryptedConfig
        ? decryptJson(this.config.secretKey, source.encryptedConfig)
        : {};
      return parseConnectorConfig(connector, source.settings, credentials);
    } catch (error) {
      // Configuration does not fix itself between retries: fail the run at once, saying what is wrong.
      if (error instanceof ConnectorConfigError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  /**
   * The run's spooled file as a local file: connectors read a path (zip readers need random access), so
   * with the S3 store the object is downloaded to local scratch space first, removed when the read ends.
   * A store that fails is an ordinary error (the job retries); only a missing item is final.
   */
  private async inputFile(
    connector: Connector<unknown, unknown>,
    run: SyncRun,
  ): Promise<{ file: InputFile; local: MaterialisedSpoolFile } | undefined> {
    if (run.input) {
      const { spoolPath, fileName, size } = run.input;
      const local = (await this.spool.exists(spoolPath)) ? await this.materialise(spoolPath) : null;
      if (!local) {
        throw new UnrecoverableError(
          `the file ${fileName} is no longer on the server (a failed run's file is kept ` +
            `SPOOL_FAILED_RETENTION_DAYS); upload it again`,
        );
      }
      return { file: { path: local.path, name: fileName, size }, local };
    }
    if (connector.input === 'file') {
      throw new UnrecoverableError(
        `${connector.title} reads uploaded files: upload one (POST .../sources/{id}/uploads) instead of syncing`,
      );
    }
    return undefined;
  }

  /** A local copy of a spooled item; null when it went between the existence check and the download. */
  private materialise(spoolPath: string): Promise<MaterialisedSpoolFile | null> {
    return this.spool
      .materialise(spoolPath)
      .catch((error: unknown) => (error instanceof SpoolMissingError ? null : Promise.reject(error)));
  }

  /**
   * One run per source at a time (two would race on checkpoints): a session-level advisory lock on a
   * dedicated connection, released when the run ends or, if the worker dies, when its connection closes.
   */
  private async lockSource(sourceId: string): Promise<AdvisoryLock> {
    const lock = await tryAdvisoryLock(this.dataSource, sourceId);
    if (!lock) throw new SourceBusyError(`source ${sourceId} is being synced by another run`);
    return lock;
  }
}
