/** One element of the message list of a JSON file, as its bytes (null: longer than the bound, not held). */
export interface JsonElement {
  /** 1-based position in the list. */
  index: number;
  bytes: Buffer | null;
}

/** How a file's JSON ended: complete, or cut inside its JSON (a truncated download), or with no list. */
export type JsonListEnd = 'complete' | 'truncated' | 'no-list';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Keys longer than this are never `value`: not held. */
const MAX_KEY_BYTES = 16;

/**
 * Streams the elements of the message list of a JSON file without parsing the file whole: the file is a
 * JSON array of messages, or one Graph page (`{ "@odata.context": …, "value": [ … ], "@odata.nextLink": … }`,
 * what the Teams Export APIs return), whose `value` list is read. Memory is bounded by `maxElementBytes`
 * (one element is held at a time; a longer one comes back as `bytes: null` and is skipped as it streams),
 * whatever the file's size. Only the structure is followed (brackets, braces and strings); each element is
 * parsed by the caller, so a bad one is a problem of that element. `end()` tells how the file ended.
 */
export class JsonListScanner {
  private state: JsonListEnd = 'no-list';

  constructor(private readonly maxElementBytes: number) {}

  end(): JsonListEnd {
    return this.state;
  }

  async *elements(source: AsyncIterable<Buffer>): AsyncGenerator<JsonElement> {
    /** Open containers; the list's elements live at depth `listDepth` (0: the list is not found yet). */
    const stack: number[] = [];
    let listDepth = 0;
    let listDone = false;
    let inString = false;
    let escaped = false;
    /** No byte seen yet (a UTF-8 byte order mark may open the file); no JSON byte seen yet. */
    let atStart = true;
    let first = true;
    // Key tracking in a top-level object: the key just read, and whether a value follows it.
    let expectKey = false;
    let key: number[] | null = null;
    let lastKey = '';
    let awaitingValue = false;
    // The element under way: its parts so far, their size, and whether it outgrew the bound.
    let element: Buffer[] | null = null;
    let elementSize = 0;
    let elementStart = -1;
    let index = 0;

    const take = (chunk: Buffer, from: number, to: number) => {
      elementSize += to - from;
      if (elementSize <= this.maxElementBytes) element?.push(chunk.subarray(from, to));
      else element = element && [];
    };
    const finish = (): JsonElement => {
      const bytes = elementSize <= this.maxElementBytes ? Buffer.concat(element ?? []) : null;
      element = null;
      elementSize = 0;
      return { index: ++index, bytes };
    };

    for await (const chunk of source) {
      let start = 0;
      if (atStart && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
        start = 3;
      atStart = atStart && chunk.length === 0;
      elementStart = element ? start : -1;
      for (let i = start; i < chunk.length; i++) {
        const byte = chunk[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) {
            inString = false;
            if (key) {
              lastKey = Buffer.from(key).toString('latin1');
              key = null;
            }
          } else if (key) {
            if (key.length < MAX_KEY_BYTES) key.push(byte);
            else key.length = MAX_KEY_BYTES + 1;
          }
          continue;
        }
        if (WHITESPACE.has(byte)) continue;
        if (first) {
          first = false;
          if (byte === OPEN_ARRAY) listDepth = 1;
          else if (byte === OPEN_OBJECT) expectKey = true;
          else return;
          stack.push(byte);
          continue;
        }
        const depth = stack.length;
        if (depth === listDepth && !listDone) {
          // At the list's own level: separators and its end; anything else starts an element.
          if (byte === COMMA || byte === CLOSE_ARRAY) {
            if (element) {
              take(chunk, elementStart, i);
              yield finish();
            }
            if (byte === CLOSE_ARRAY) {
              stack.pop();
              listDone = true;
            }
            continue;
          }
          if (!element) {
            element = [];
            elementStart = i;
          }
        }
        if (depth === 1 && stack[0] === OPEN_OBJECT && listDepth === 0 && !listDone) {
          if (byte === QUOTE && expectKey) {
            key = [];
            inString = true;
            expectKey = false;
            continue;
          }
          if (byte === COLON) {
            awaitingValue = true;
            continue;
          }
          if (awaitingValue) {
            awaitingValue = false;
            if (byte === OPEN_ARRAY && lastKey === 'value') {
              stack.push(byte);
              listDepth = 2;
              continue;
            }
          }
        }
        if (depth === 1 && stack[0] === OPEN_OBJECT && byte === COMMA) {
          expectKey = true;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) stack.push(byte);
        else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) stack.pop();
      }
      if (element && elementStart >= 0) take(chunk, elementStart, chunk.length);
    }
    if (listDepth === 0) this.state = 'no-list';
    else this.state = listDone && stack.length === 0 && !inString ? 'complete' : 'truncated';
  }
}
