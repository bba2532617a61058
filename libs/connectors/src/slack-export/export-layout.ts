import { CheckpointError, readCheckpoint, type JsonValue } from '@uptake/connector-sdk';
import { z } from 'zod';

/** The parts of a Slack workspace export, found by entry name. */
export interface ExportLayout<TEntry> {
  /** Folder holding the export inside the zip ('' at the top, or 'My export/' when it was re-zipped). */
  root: string;
  users: TEntry | null;
  channels: TEntry;
  /** Private channels, direct messages and group DMs: in Business+ and Enterprise Grid exports. */
  groups: TEntry | null;
  dms: TEntry | null;
  mpims: TEntry | null;
  /** `<folder>/<YYYY-MM-DD>.json` files in reading order: by folder, then by day. */
  dayFiles: DayFile<TEntry>[];
  /**
   * Everything else under the root, by top-level name (`canvases/`, `integration_logs.json`, a file beside
   * the day files of a folder): skipped on purpose, listed in the run's warnings with how many entries.
   */
  skipped: { name: string; entries: number }[];
}

export interface DayFile<TEntry> {
  /** `<folder>/<YYYY-MM-DD>.json`, relative to the export root: the problem location and checkpoint. */
  path: string;
  /** A channel's or group DM's name, or a direct message's id. */
  channelFolder: string;
  day: string;
  entry: TEntry;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
/** The lists an export holds at its root. */
const LISTS = ['users.json', 'channels.json', 'groups.json', 'dms.json', 'mpims.json'] as const;
/** Left by archivers, not by Slack: not worth a warning. */
const ARCHIVER_LEFTOVERS = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/**
 * Plans the read from the central directory alone. Zip entry order is not guaranteed (exports are
 * often re-zipped), so day files are put in a fixed order; a checkpoint then names the last day file
 * done and a resumed read skips everything up to it in that order.
 */
export function planExport<TEntry extends { fileName: string }>(
  entries: readonly TEntry[],
  displayName: string,
): ExportLayout<TEntry> {
  // The shallowest channels.json marks the export root (ignores e.g. __MACOSX copies).
  const channels = entries
    .filter((entry) => entry.fileName === 'channels.json' || entry.fileName.endsWith('/channels.json'))
    .sort((a, b) => a.fileName.length - b.fileName.length)[0];
  if (!channels) {
    throw new Error(`${displayName} is not a Slack workspace export: it has no channels.json`);
  }
  const root = channels.fileName.slice(0, channels.fileName.length - 'channels.json'.length);
  const atRoot = (name: string) => entries.find((entry) => entry.fileName === root + name) ?? null;

  const dayFiles: DayFile<TEntry>[] = [];
  const skipped = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.fileName.startsWith(root) || ARCHIVER_LEFTOVERS.test(entry.fileName)) continue;
    const relative = entry.fileName.slice(root.length);
    if ((LISTS as readonly string[]).includes(relative)) continue;
    const parts = relative.split('/');
    const day = parts.length === 2 ? DAY_FILE.exec(parts[1])?.[1] : undefined;
    if (day !== undefined && parts[0] !== '') {
      dayFiles.push({ path: `${parts[0]}/${parts[1]}`, channelFolder: parts[0], day, entry });
      continue;
    }
    const name = parts.length > 1 ? `${parts[0]}/` : parts[0];
    skipped.set(name, (skipped.get(name) ?? 0) + 1);
  }
  dayFiles.sort(compareDayFiles);
  return {
    root,
    users: atRoot('users.json'),
    channels,
    groups: atRoot('groups.json'),
    dms: atRoot('dms.json'),
    mpims: atRoot('mpims.json'),
    dayFiles,
    skipped: [...skipped]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, count]) => ({ name, entries: count })),
  };
}

/** Reading order of day files: channel folder, then day (code-unit order, so the same everywhere). */
export function compareDayFiles(
  a: Pick<DayFile<unknown>, 'channelFolder' | 'day'>,
  b: Pick<DayFile<unknown>, 'channelFolder' | 'day'>,
): number {
  if (a.channelFolder !== b.channelFolder) return a.channelFolder < b.channelFolder ? -1 : 1;
  return a.day < b.day ? -1 : a.day > b.day ? 1 : 0;
}

/** Checkpoint of the activity stream: the last day file whose messages were all yielded. */
export interface ExportActivityState {
  lastDayFile: string;
}

const exportActivityCheckpoint = z.object({ lastDayFile: z.string() });

/** The stored checkpoint of the activity stream; a CheckpointError when it is not one this connector wrote. */
export function resumeExportActivity(
  state: JsonValue | undefined,
): { channelFolder: string; day: string } | null {
  const checkpoint = readCheckpoint('slack-export', 'activity', exportActivityCheckpoint, state);
  if (checkpoint === null) return null;
  const resumed = readExportActivityState(checkpoint);
  if (resumed) return resumed;
  throw new CheckpointError('slack-export', 'activity', [
    `activity.lastDayFile: ${JSON.stringify(checkpoint.lastDayFile.slice(0, 200))} is not a channel's day file (<folder>/YYYY-MM-DD.json)`,
  ]);
}

export function readExportActivityState(state: unknown): { channelFolder: string; day: string } | null {
  const last = (state as Partial<ExportActivityState> | null | undefined)?.lastDayFile;
  if (typeof last !== 'string') return null;
  const slash = last.lastIndexOf('/');
  const day = DAY_FILE.exec(last.slice(slash + 1))?.[1];
  return slash > 0 && day !== undefined ? { channelFolder: last.slice(0, slash), day } : null;
}
