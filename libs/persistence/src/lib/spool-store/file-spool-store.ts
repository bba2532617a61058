import { randomUUID } from 'node:crypto';
import { constants as fsConstants, createWriteStream } from 'node:fs';
import { access, mkdir, open, opendir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  errorMessage,
  SpoolMissingError,
  SpoolStoreError,
  type MaterialisedSpoolFile,
  type SpoolItem,
  type SpoolStore,
} from './spool-store';

/**
 * The spool as files in one directory (SPOOL_DIR), shared by API and worker instances through a volume.
 * Locators are absolute paths; a run's path may name another mount point of the same volume (the worker
 * test suites spool outside SPOOL_DIR), so reads go to the path as written, not to `directory`.
 */
export class FileSpoolStore implements SpoolStore {
  readonly kind = 'file' as const;

  constructor(readonly directory: string) {}

  get description(): string {
    return `the spool directory ${this.directory}`;
  }

  allocate(): string {
    return path.join(this.directory, randomUUID());
  }

  /** The directory exists (or can be created) and this process may write to it. */
  async probe(): Promise<void> {
    try {
      await mkdir(this.directory, { recursive: true });
      await access(this.directory, fsConstants.W_OK);
    } catch (error) {
      throw new SpoolStoreError(`Could not write to ${this.description}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  async write(locator: string, body: Readable): Promise<void> {
    try {
      await mkdir(path.dirname(locator), { recursive: true });
      // 'wx': never overwrite another upload's file.
      await pipeline(body, createWriteStream(locator, { flags: 'wx' }));
    } catch (error) {
      await rm(locator, { force: true });
      throw new SpoolStoreError(`Could not write to ${this.description}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  async openRead(locator: string): Promise<Readable> {
    // Opened here, so a missing file rejects now rather than as a stream error later.
    const handle = await open(locator, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new SpoolMissingError(locator) : error;
    });
    return handle.createReadStream();
  }

  async materialise(locator: string): Promise<MaterialisedSpoolFile> {
    if (!(await this.exists(locator))) throw new SpoolMissingError(locator);
    return { path: locator, release: async () => undefined };
  }

  exists(locator: string): Promise<boolean> {
    return access(locator).then(
      () => true,
      () => false,
    );
  }

  delete(locator: string): Promise<void> {
    return rm(locator, { force: true });
  }

  async *list(limit: number, state: { truncated: boolean }): AsyncGenerator<SpoolItem> {
    let directory;
    try {
      directory = await opendir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let seen = 0;
    for await (const entry of directory) {
      if (++seen > limit) {
        state.truncated = true;
        break;
      }
      if (!entry.isFile()) continue;
      const file = path.join(this.directory, entry.name);
      // A file removed between listing and stat (its run just succeeded) is simply skipped.
      const stats = await stat(file).catch(() => null);
      if (stats) yield { locator: file, name: entry.name, size: stats.size, modifiedAt: stats.mtimeMs };
    }
  }
}
