import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Test helper (specs only): zip archives built on the fly with yazl, so that no test needs python3 or a
 * large committed file. Entries are deflated, in the order given.
 */

/**
 * An entry's bytes: text (UTF-8), bytes, or a stream made only when yazl comes to write the entry (large or
 * many generated entries: one is held at a time).
 */
export type ZipEntryContent = string | Buffer | (() => Readable);

export async function writeZip(
  path: string,
  entries: Iterable<readonly [name: string, content: ZipEntryContent]>,
): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  for (const [name, content] of entries) {
    if (typeof content === 'function') zip.addReadStreamLazy(name, (done) => done(null, content()));
    else zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name);
  }
  zip.end();
  await written;
}

/** Text made when its entry is written. */
export function lazyText(make: () => string): () => Readable {
  return () => Readable.from([Buffer.from(make(), 'utf8')]);
}

/** `head`, then `chunk` `count` times, then `tail`: a stream that never holds more than one chunk. */
export function repeatedBytes(head: string, chunk: Buffer, count: number, tail: string): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(head);
      for (let index = 0; index < count; index++) yield chunk;
      yield Buffer.from(tail);
    })(),
  );
}

const LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const CENTRAL_HEADER = Buffer.from('PK\x01\x02', 'latin1');

/**
 * Rewrites the uncompressed size of entry `name` in its local header and its central-directory record (an
 * archive whose table of contents lies), leaving the compressed data as it is.
 */
export async function understateEntrySize(path: string, name: string, size: number): Promise<void> {
  const data = await readFile(path);
  const wanted = Buffer.from(name, 'utf8');
  const headers = [
    { signature: LOCAL_HEADER, nameAt: 30, sizeAt: 22 },
    { signature: CENTRAL_HEADER, nameAt: 46, sizeAt: 24 },
  ];
  for (const { signature, nameAt, sizeAt } of headers) {
    for (let at = data.indexOf(signature); at !== -1; at = data.indexOf(signature, at + 4)) {
      if (data.subarray(at + nameAt, at + nameAt + wanted.length).equals(wanted)) {
        data.writeUInt32LE(size, at + sizeAt);
      }
    }
  }
  await writeFile(path, data);
}
