import { BadRequestException } from '@nestjs/common';
import { unsafeTextProblem } from '@uptake/connector-sdk';
import type { NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';

/**
 * Malformed input is refused at the door, once for every endpoint, with a 400 naming where it is: bytes
 * that are not UTF-8 (express would decode them to U+FFFD silently, and two e-mail addresses could
 * become one), NUL (Postgres text refuses it: a 500) and lone surrogates (no UTF-8 form) in any string or
 * key of a JSON body, a query string or the path, and JSON nested deeper than anything Uptake accepts
 * (schema parsing and JSON.stringify recurse: 100k levels overflow the stack). Every check is a loop,
 * never a recursion.
 */

/** Deepest JSON body accepted (Uptake's own bodies nest 4 levels; connector settings a few more). */
export const MAX_JSON_DEPTH = 32;
/** Problems listed in one answer. */
const MAX_PROBLEMS = 10;

/** body-parser `verify` hook: the raw body must be UTF-8 (checked before it is decoded). */
export function verifyUtf8Body(_request: unknown, _response: unknown, body: Buffer): void {
  if (isUtf8(body)) return;
  throw new BadRequestException([
    `body: not valid UTF-8 (byte ${firstInvalidUtf8Byte(body)}); send the JSON encoded as UTF-8`,
  ]);
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence (-1 when all do). */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence at `index` (RFC 3629: no overlongs, surrogates, > U+10FFFF), or 0. */
function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index];
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** A node of the walk: its path is only spelled out when a problem needs it. */
interface Frame {
  value: unknown;
  parent: Frame | null;
  key: string | number;
  depth: number;
}

/**
 * Problems of a parsed JSON value, each naming its path (`body.events[3].actorId`): nesting deeper than
 * MAX_JSON_DEPTH, strings or keys with NUL or a lone surrogate. Walks with an explicit stack.
 */
export function jsonProblems(root: unknown, rootPath = 'body'): string[] {
  const problems: string[] = [];
  const stack: Frame[] = [{ value: root, parent: null, key: rootPath, depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const frame = stack.pop() as Frame;
    const { value, depth } = frame;
    if (typeof value === 'string') {
      const problem = unsafeTextProblem(value);
      if (problem) problems.push(`${pathOf(frame)}: ${problem}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      problems.push(
        `${rootPath}: nested deeper than ${MAX_JSON_DEPTH} levels (at ${shorten(pathOf(frame))})`,
      );
      break;
    }
    // Pushed in reverse, so problems come out in document order.
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        stack.push({ value: value[index], parent: frame, key: index, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      stack.push({ value: (value as Record<string, unknown>)[key], parent: frame, key, depth: depth + 1 });
    }
    for (const key of keys) {
      const problem = unsafeTextProblem(key);
      if (problem) problems.push(`${pathOf({ value: null, parent: frame, key, depth })}: the key ${problem}`);
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

/** `body.name[2]`; keys that are not identifiers as `["some key"]` (escaped: a NUL shows as \u0000). */
function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let at: Frame | null = frame; at !== null; at = at.parent) {
    if (at.parent === null) parts.push(String(at.key));
    else if (typeof at.key === 'number') parts.push(`[${at.key}]`);
    else parts.push(/^[A-Za-z_$][\w$]*$/.test(at.key) ? `.${at.key}` : `[${JSON.stringify(at.key)}]`);
  }
  return parts.reverse().join('');
}

function shorten(path: string): string {
  return path.length > 80 ? `${path.slice(0, 40)}…${path.slice(-39)}` : path;
}

/** Middleware after the JSON body parser: refuses a parsed body with problems. */
export function rejectUnsafeJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return next();
  const problems = jsonProblems(body);
  next(problems.length > 0 ? new BadRequestException(problems) : undefined);
}

/**
 * Middleware before everything: the path and each query parameter, percent-decoded to bytes, must be
 * UTF-8 without NUL (decodeURIComponent would throw, express's query parser would give U+FFFD).
 */
export function rejectUnsafeUrl(request: Request, _response: Response, next: NextFunction): void {
  const url = request.url;
  const mark = url.indexOf('?');
  const problems: string[] = [];
  const pathProblem = urlTextProblem(mark === -1 ? url : url.slice(0, mark), false);
  if (pathProblem) problems.push(`path: ${pathProblem}`);
  if (mark !== -1) {
    for (const pair of url.slice(mark + 1).split('&')) {
      if (problems.length >= MAX_PROBLEMS) break;
      const equals = pair.indexOf('=');
      const rawKey = equals === -1 ? pair : pair.slice(0, equals);
      const problem =
        urlTextProblem(rawKey, true) ?? (equals === -1 ? null : urlTextProblem(pair.slice(equals + 1), true));
      if (problem)
        problems.push(`query parameter ${JSON.stringify(shorten(lenientName(rawKey)))}: ${problem}`);
    }
  }
  next(problems.length > 0 ? new BadRequestException(problems) : undefined);
}

function urlTextProblem(raw: string, isQuery: boolean): string | null {
  const bytes = percentDecode(isQuery ? raw.replaceAll('+', ' ') : raw);
  if (!isUtf8(bytes)) return `not valid UTF-8 once percent-decoded (byte ${firstInvalidUtf8Byte(bytes)})`;
  return bytes.includes(0) ? 'contains a NUL character (%00)' : null;
}

/** Percent-decoding to bytes; a `%` not followed by two hex digits stays as it is (as in querystring). */
function percentDecode(text: string): Buffer {
  if (!text.includes('%')) return Buffer.from(text);
  const parts: Buffer[] = [];
  let literal = '';
  for (let index = 0; index < text.length; index++) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      if (literal) parts.push(Buffer.from(literal));
      literal = '';
      parts.push(Buffer.from([Number.parseInt(hex, 16)]));
      index += 2;
    } else literal += text[index];
  }
  if (literal) parts.push(Buffer.from(literal));
  return Buffer.concat(parts);
}

/** A parameter's name for a message: decoded leniently, control characters escaped. */
function lenientName(raw: string): string {
  const decoded = percentDecode(raw.replaceAll('+', ' ')).toString('utf8');
  return decoded.replace(
    /\p{Cc}/gu,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
