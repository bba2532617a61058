import type { Entry, ZipFile } from 'yauzl';
import { openPromise } from 'yauzl';

/**
 * A zip opened for random access: the central directory is listed once (names and sizes only), then
 * single entries are inflated on demand. Memory is bounded by the largest entry read, not the zip.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: readonly Entry[],
  ) {}

  /** Opens the zip and lists its entries; throws naming the file when it is not a readable zip. */
  static async open(path: string, displayName: string): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new Error(`${displayName} is not a readable zip archive: ${(error as Error).message}`);
    }
    const entries: Entry[] = [];
    try {
      // lazyEntries: one central-directory record at a time; file data is not read here.
      for await (const entry of zip.eachEntry()) {
        if (!entry.fileName.endsWith('/')) entries.push(entry);
      }
    } catch (error) {
      zip.close();
      throw new Error(`${displayName}: the zip's table of contents is damaged: ${(error as Error).message}`);
    }
    return new ZipArchive(zip, entries);
  }

  /** The whole (inflated) content of one entry. */
  async read(entry: Entry): Promise<Buffer> {
    const stream = await this.zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}
