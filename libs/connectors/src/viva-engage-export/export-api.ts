import {
  HttpError,
  InputError,
  readCheckpoint,
  type HttpClient,
  type InputFile,
  type JsonValue,
} from '@uptake/connector-sdk';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';

/**
 * Mode `api`: the Data Export API (`GET /api/v1/export?since=…&until=…&model=…&include=csv`, a verified
 * admin's bearer token) returns the same zip an admin downloads, for the content generated or modified in
 * [since, until). Each sync downloads the windows since the last export's end, one after the other, each
 * read exactly like an upload.
 */

const CONNECTOR_TYPE = 'viva-engage-export';
const DAY_MS = 86_400_000;
/** What an export is asked for: the three tables read, without attachments (include=csv). */
export const EXPORT_MODELS = ['Message', 'User', 'Group'] as const;
/** Bytes one downloaded export may have on disk (inflated, its Messages.csv is bounded separately). */
export const MAX_DOWNLOAD_BYTES = 8 * 1024 ** 3;

export interface ExportWindow {
  since: Date;
  until: Date;
}

/**
 * Checkpoint of the activity stream in mode api: every export up to `exportedUntil` is read, and `window` is
 * the export under way (its bounds, and the last Messages.csv line whose activities were yielded). A resumed
 * read downloads that window again and goes on after the line.
 */
export interface ApiState {
  exportedUntil: string | null;
  window: { since: string; until: string; line: number } | null;
}

const time = z.iso.datetime({ offset: true });
// Strict: an upload's `{ line }` (or any other shape) is not a position in the API's exports.
const apiCheckpoint = z.strictObject({
  exportedUntil: time.optional(),
  window: z.object({ since: time, until: time, line: z.number().int().nonnegative() }).optional(),
});

/** The stored checkpoint; a CheckpointError naming the field when it is not one mode api wrote. */
export function resumeApiState(state: JsonValue | undefined): ApiState {
  const parsed = readCheckpoint(CONNECTOR_TYPE, 'activity', apiCheckpoint, state);
  return { exportedUntil: parsed?.exportedUntil ?? null, window: parsed?.window ?? null };
}

/** The checkpoint JSON of a state. */
export function apiStateJson(state: ApiState): JsonValue {
  return {
    ...(state.exportedUntil === null ? {} : { exportedUntil: state.exportedUntil }),
    ...(state.window === null ? {} : { window: { ...state.window } }),
  };
}

/**
 * The next export to download: the window under way, else from the last export's end (the first one from
 * `lookbackDays` before now) for `windowDays`, never past now; null when caught up. Times are whole seconds.
 */
export function nextWindow(
  state: ApiState,
  settings: { lookbackDays: number; windowDays: number },
  now: Date,
): ExportWindow | null {
  if (state.window) return { since: new Date(state.window.since), until: new Date(state.window.until) };
  const end = wholeSeconds(now);
  const since =
    state.exportedUntil === null
      ? new Date(end.getTime() - settings.lookbackDays * DAY_MS)
      : new Date(state.exportedUntil);
  const until = new Date(Math.min(end.getTime(), since.getTime() + settings.windowDays * DAY_MS));
  return until.getTime() > since.getTime() ? { since, until } : null;
}

/** A time as the export API takes it: ISO 8601 with an offset, to the second. */
export function exportTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** The export request's URL: since, until, the models read, csv only. */
export function exportRequestUrl(exportUrl: string, window: ExportWindow): string {
  const url = new URL(exportUrl);
  url.searchParams.set('since', exportTime(window.since));
  url.searchParams.set('until', exportTime(window.until));
  for (const model of EXPORT_MODELS) url.searchParams.append('model', model);
  url.searchParams.set('include', 'csv');
  return url.toString();
}

/** A downloaded export on local disk; `remove` deletes it. */
export interface DownloadedExport {
  file: InputFile;
  remove(): Promise<void>;
}

/**
 * Downloads one export into a fresh temporary folder, through the SDK client (rate limit, 429 and 503
 * retried after Retry-After). A 401 (token refused) or 403 (not a verified admin) fails the run with an
 * InputError saying what to fix; the download stops at `maxBytes`.
 */
export async function downloadExport(options: {
  http: HttpClient;
  exportUrl: string;
  token: string;
  window: ExportWindow;
  signal: AbortSignal;
  maxBytes?: number;
}): Promise<DownloadedExport> {
  const { window, signal } = options;
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  let response: Response;
  try {
    response = await options.http.request(exportRequestUrl(options.exportUrl, window), {
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/zip' },
      signal,
    });
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
      throw new InputError(authAdvice(error.status), { cause: error });
    }
    throw error;
  }
  const name = `viva-engage-export-${compact(window.since)}-${compact(window.until)}.zip`;
  const folder = await mkdtemp(join(tmpdir(), 'viva-engage-export-api-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  const path = join(folder, name);
  try {
    if (!response.body) throw new Error('the Data Export API answered without a body');
    let bytes = 0;
    const bound = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          done(
            new InputError(`${name} is larger than ${maxBytes} bytes: export shorter periods (windowDays)`),
          );
        } else done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>, { signal }),
      bound,
      createWriteStream(path),
    );
    return { file: { path, name, size: (await stat(path)).size }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function authAdvice(status: 401 | 403 | number): string {
  return status === 401
    ? 'Viva Engage (Yammer) answered 401 Unauthorized to the Data Export API: the token is not valid, expired ' +
        "or was revoked; give a verified admin's Yammer developer token or Entra ID token for the Yammer API"
    : 'Viva Engage (Yammer) answered 403 Forbidden to the Data Export API: only verified admins may export ' +
        "network data; give a verified admin's token";
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** 2024-03-04T00:00:00Z -> 20240304T000000Z (a file name). */
function compact(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
