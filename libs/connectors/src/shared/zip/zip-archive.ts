import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { openPromise } from 'yauzl';

export interface ZipOpenOptions {
  /** Entries the archive may list: the table of contents is held in memory (a few hundred bytes each). */
  maxEntries: number;
  /** Bytes `read` lets one entry inflate to (and `stream` unless it is given its own bound). */
  maxEntryBytes: number;
  /** What the user can do about an archive listing too many entries, e.g. "export a shorter period". */
  tooManyEntriesAdvice: string;
}

/** An entry that inflates to more than the limit: its message names the entry and the limit. */
export class EntryTooLargeError extends Error {
  constructor(entryName: string, limit: number) {
    super(`${entryName} inflates to more than ${formatBytes(limit)}, the most one archive entry may hold`);
    this.name = 'EntryTooLargeError';
  }
}

/**
 * A zip an export connector reads (Slack, Viva Engage): the central directory is listed once (names and
 * sizes only), then single entries are inflated on demand, whole (`read`) or streamed (`stream`). The bytes
 * that come out are counted against a limit as they inflate, never taken from the table of contents (which
 * can lie): a zip bomb fails its entry, naming it and the limit. Memory is bounded by the number of entries
 * and, for `read`, the size cap of one entry, whatever the zip declares.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: readonly Entry[],
    private readonly options: ZipOpenOptions,
  ) {}

  /** Opens the zip and lists its entries; throws naming the file when it is not a readable zip or lists too many. */
  static async open(path: string, displayName: string, options: ZipOpenOptions): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new Error(`${displayName} is not a readable zip archive: ${(error as Error).message}`);
    }
    const tooMany = new Error(
      `${displayName} lists more than ${options.maxEntries.toLocaleString('en')} entries, the most an archive ` +
        `may hold: ${options.tooManyEntriesAdvice}`,
    );
    if (zip.entryCount > options.maxEntries) {
      zip.close();
      throw tooMany;
    }
    const entries: Entry[] = [];
    try {
      // lazyEntries: one central-directory record at a time; file data is not read here.
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        if (entries.length === options.maxEntries) throw tooMany;
        entries.push(entry);
      }
    } catch (error) {
      zip.close();
      if (error === tooMany) throw error;
      throw new Error(`${displayName}: the zip's table of contents is damaged: ${(error as Error).message}`);
    }
    return new ZipArchive(zip, entries, options);
  }

  /**
   * The whole (inflated) content of one entry; throws EntryTooLargeError as soon as more than the size cap
   * has come out, having held at most that much.
   */
  async read(entry: Entry): Promise<Buffer> {
    const limit = this.options.maxEntryBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > limit) throw new EntryTooLargeError(entry.fileName, limit);
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof EntryTooLargeError) throw error;
      // yauzl's own checks (e.g. more bytes than the table of contents declared) name no entry.
      throw new Error(`${entry.fileName} cannot be unzipped: ${(error as Error).message}`);
    }
    return Buffer.concat(chunks, size);
  }

  /** The entry's inflated bytes as a stream that fails once more than `maxBytes` came out. */
  async stream(entry: Entry, maxBytes = this.options.maxEntryBytes): Promise<Readable> {
    let source: Readable;
    try {
      source = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new Error(`${entry.fileName} cannot be unzipped: ${(error as Error).message}`);
    }
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(
            new Error(
              `${entry.fileName} inflates to more than ${formatBytes(maxBytes)}, the most it may hold`,
            ),
          );
          return;
        }
        done(null, chunk);
      },
    });
    source.once('error', (error) =>
      counted.destroy(new Error(`${entry.fileName} cannot be unzipped: ${error.message}`)),
    );
    counted.once('close', () => source.destroy());
    return source.pipe(counted);
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}
