import {
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { validateWebhookBatchShape } from '@uptake/connectors';
import { spoolStoreFor, type SpoolStore, type SyncRun, type SyncRunInput } from '@uptake/persistence';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { SourcesService } from './sources.service';
import { spoolUnavailable } from './spool-unavailable';

/**
 * Files into the spool store the worker reads from (SPOOL_STORE: a shared directory or an S3 bucket):
 * uploads are streamed (never held in memory) with a size limit, webhook batches are validated and
 * written; each becomes a sync run. A store that fails answers 503 (try again), not 400: the client did
 * nothing wrong.
 */
@Injectable()
export class UploadsService {
  private readonly store: SpoolStore;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly sources: SourcesService,
  ) {
    this.store = spoolStoreFor(config);
  }

  async upload(
    organisationId: string,
    sourceId: string,
    fileName: string,
    body: Readable,
    declaredLength: number | undefined,
    principal: Principal,
  ): Promise<SyncRun> {
    const source = await this.sources.get(organisationId, sourceId);
    const connector = this.sources.connector(source.connectorType);
    const extension = path.extname(fileName).toLowerCase();
    if (!connector.fileExtensions?.includes(extension)) {
      throw new UnsupportedMediaTypeException(
        `filename: a ${source.connectorType} source reads ${connector.fileExtensions?.join(', ') || 'no files'}, not '${extension || fileName}'`,
      );
    }
    const limit = this.config.uploadMaxBytes;
    if (declaredLength !== undefined && declaredLength > limit) throw this.tooLarge();
    const spoolPath = this.store.allocate();
    let size = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        done(size > limit ? this.tooLarge() : null, chunk);
      },
    });
    // The client's side (request → size count) and the store's side are joined by pipe(), which does not
    // pass a failure of the store back to the request: a store that fails is unpiped and the rest of the
    // body drained, so the client still reads the 503 instead of a reset connection. A failure of the
    // client's side (cut off, too large) ends the store's side, which discards what it got.
    const counted = new PassThrough();
    const toStore = new PassThrough();
    counted.pipe(toStore);
    const writing = this.store.write(spoolPath, toStore).catch((error: unknown) => {
      counted.unpipe(toStore);
      counted.resume();
      throw error;
    });
    const feeding = pipeline(body, counter, counted).catch((error: unknown) => {
      toStore.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    const [fed, written] = await Promise.allSettled([feeding, writing]);
    if (fed.status === 'rejected') {
      await this.store.delete(spoolPath).catch(() => undefined);
      if (fed.reason instanceof PayloadTooLargeException) throw fed.reason;
      throw new BadRequestException(`The upload was interrupted after ${size} bytes; send the file again`);
    }
    if (written.status === 'rejected') {
      await this.store.delete(spoolPath).catch(() => undefined);
      throw this.storeUnavailable(written.reason);
    }
    if (size === 0) {
      await this.store.delete(spoolPath).catch(() => undefined);
      throw new BadRequestException('The uploaded file is empty');
    }
    return this.run(organisationId, sourceId, principal, 'upload', { fileName, size, spoolPath });
  }

  /** A webhook batch ({ events: [...] }): shape checked here, records by the connector in the worker. */
  async webhookBatch(
    organisationId: string,
    sourceId: string,
    body: unknown,
    principal: Principal,
  ): Promise<SyncRun> {
    const source = await this.sources.get(organisationId, sourceId);
    if (source.connectorType !== 'webhook') {
      throw new BadRequestException(`This source is a ${source.connectorType} source, not a webhook source`);
    }
    const problem = validateWebhookBatchShape(body);
    if (problem) throw new BadRequestException([problem]);
    const spoolPath = this.store.allocate();
    const content = JSON.stringify(body);
    await this.store.write(spoolPath, Readable.from([Buffer.from(content)])).catch((error: unknown) => {
      throw this.storeUnavailable(error);
    });
    const fileName = `webhook-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    return this.run(organisationId, sourceId, principal, 'webhook', {
      fileName,
      size: Buffer.byteLength(content),
      spoolPath,
    });
  }

  private async run(
    organisationId: string,
    sourceId: string,
    principal: Principal,
    trigger: 'upload' | 'webhook',
    input: SyncRunInput,
  ): Promise<SyncRun> {
    try {
      return await this.sources.triggerSync(organisationId, sourceId, principal, trigger, input);
    } catch (error) {
      await this.store.delete(input.spoolPath).catch(() => undefined);
      throw error;
    }
  }

  private storeUnavailable(error: unknown): ServiceUnavailableException {
    return spoolUnavailable(error, 'send the file again later');
  }

  private tooLarge(): PayloadTooLargeException {
    return new PayloadTooLargeException(
      `The file is larger than the upload limit of ${Math.round(this.config.uploadMaxBytes / 1024 / 1024)} MB (UPLOAD_MAX_MB)`,
    );
  }
}
