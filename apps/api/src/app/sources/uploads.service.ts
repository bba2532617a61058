import {
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { validateWebhookBatchShape } from '@uptake/connectors';
import type { SyncRun, SyncRunInput } from '@uptake/persistence';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { SourcesService } from './sources.service';

/**
 * Files into the spool directory the worker reads from: uploads are streamed to disk (never held in
 * memory) with a size limit, webhook batches are validated and written; each becomes a sync run.
 */
@Injectable()
export class UploadsService {
  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly sources: SourcesService,
  ) {}

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
    const spoolPath = await this.spoolPath();
    let size = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        done(size > limit ? this.tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(spoolPath, { flags: 'wx' }));
    } catch (error) {
      await rm(spoolPath, { force: true });
      if (error instanceof PayloadTooLargeException) throw error;
      throw new BadRequestException(`The upload was interrupted after ${size} bytes; send the file again`);
    }
    if (size === 0) {
      await rm(spoolPath, { force: true });
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
    const spoolPath = await this.spoolPath();
    const content = JSON.stringify(body);
    await writeFile(spoolPath, content, { flag: 'wx' });
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
      await rm(input.spoolPath, { force: true });
      throw error;
    }
  }

  private async spoolPath(): Promise<string> {
    await mkdir(this.config.spoolDir, { recursive: true });
    return path.join(this.config.spoolDir, randomUUID());
  }

  private tooLarge(): PayloadTooLargeException {
    return new PayloadTooLargeException(
      `The file is larger than the upload limit of ${Math.round(this.config.uploadMaxBytes / 1024 / 1024)} MB (UPLOAD_MAX_MB)`,
    );
  }
}
