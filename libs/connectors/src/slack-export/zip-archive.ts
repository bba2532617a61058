import type { Entry, ZipFile } from 'yauzl';
import { openPromise } from 'yauzl';

/** Entries an archive may list: the table of contents is held in memory (a few hundred bytes each). */
export const MAX_ZIP_ENTRIES = 100_000;
/**
 * Bytes one entry may inflate to. Counted as the bytes come, not taken from the zip's table of contents
 * (which can lie): a 500 MB users.json of blanks deflates to half a megabyte.
 */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
}

const DEFAULT_LIMITS: ZipLimits = { maxEntries: MAX_ZIP_ENTRIES, maxEntryBytes: MAX_ENTRY_BYTES };

/** An entry that inflates to more than the limit: its message names the entry and the limit. */
export class EntryTooLargeError extends Error {
  constructor(entryName: string, limit: number) {
    super(`${entryName} inflates to more than ${formatBytes(limit)}, the most one archive entry may hold`);
    this.name = 'EntryTooLargeError';
  }
}

/**
 * A zip opened for random access: the central directory is listed once (names and sizes only), then
 * single entries are inflated on demand. Memory is bounded by the number of entries and the size cap of
 * one entry, whatever the zip declares.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: readonly Entry[],
    private readonly limits: ZipLimits,
  ) {}

  /** Opens the zip and lists its entries; throws naming the file when it is not a readable zip or lists too many. */
  static async open(
    path: string,
    displayName: string,
    limits: ZipLimits = DEFAULT_LIMITS,
  ): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new Error(`${displayName} is not a readable zip archive: ${(error as Error).message}`);
    }
    const tooMany = new Error(
      `${displayName} lists more than ${limits.maxEntries.toLocaleString('en')} entries, the most an archive may hold: export fewer days or channels at a time`,
    );
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw tooMany;
    }
    const entries: Entry[] = [];
    try {
      // lazyEntries: one central-directory record at a time; file data is not read here.
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        if (entries.length === limits.maxEntries) throw tooMany;
        entries.push(entry);
      }
    } catch (error) {
      zip.close();
      if (error === tooMany) throw error;
      throw new Error(`${displayName}: the zip's table of contents is damaged: ${(error as Error).message}`);
    }
    return new ZipArchive(zip, entries, limits);
  }

  /**
   * The whole (inflated) content of one entry; throws EntryTooLargeError as soon as more than the size cap
   * has come out, having held at most that much.
   */
  async read(entry: Entry): Promise<Buffer> {
    // The declared size is not looked at: only the bytes that come out count.
    const limit = this.limits.maxEntryBytes;
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

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}
