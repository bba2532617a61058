import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { openPromise, type Entry, type ZipFile } from 'yauzl';

/** Entries an archive may list (names and sizes are held in memory, a few hundred bytes each). */
export const MAX_ARCHIVE_ENTRIES = 100_000;

export interface ArchiveLimits {
  maxEntries: number;
  /** Bytes Messages.csv may inflate to (it is streamed: the bound is on the work, not on memory). */
  maxMessagesBytes: number;
  /** Bytes Users.csv or Groups.csv may inflate to. */
  maxTableBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: MAX_ARCHIVE_ENTRIES,
  maxMessagesBytes: 32 * 1024 ** 3,
  maxTableBytes: 2 * 1024 ** 3,
};

/**
 * A zip opened for random access whose entries are streamed, never held whole: the export's Messages.csv
 * runs to gigabytes. The bytes that come out are counted against a limit as they inflate (the table of
 * contents may lie about sizes), so a zip bomb fails its entry, naming it and the limit.
 */
export class ExportArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: readonly Entry[],
  ) {}

  static async open(path: string, displayName: string, maxEntries: number): Promise<ExportArchive> {
    let zip: ZipFile;
    try {
      zip = await openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new Error(`${displayName} is not a readable zip archive: ${(error as Error).message}`);
    }
    const tooMany = new Error(
      `${displayName} lists more than ${maxEntries.toLocaleString('en')} entries, the most an archive may ` +
        'hold: export without attachments (include=csv) or a shorter period',
    );
    if (zip.entryCount > maxEntries) {
      zip.close();
      throw tooMany;
    }
    const entries: Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        if (entries.length === maxEntries) throw tooMany;
        entries.push(entry);
      }
    } catch (error) {
      zip.close();
      if (error === tooMany) throw error;
      throw new Error(`${displayName}: the zip's table of contents is damaged: ${(error as Error).message}`);
    }
    return new ExportArchive(zip, entries);
  }

  /** The entry's inflated bytes as a stream that fails once more than `maxBytes` came out. */
  async stream(entry: Entry, maxBytes: number): Promise<Readable> {
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
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
