/** The parts of a Viva Engage network data export, found by entry name. */
export interface ExportLayout<TEntry> {
  /** Folder holding the export inside the zip ('' at the top, or 'export/' when it was re-zipped). */
  root: string;
  messages: TEntry;
  users: TEntry | null;
  groups: TEntry | null;
  /**
   * Everything else under the root, by top-level name (Files.csv, Topics.csv, Admins.csv, Networks.csv,
   * the `files/` attachments): skipped on purpose, listed in the run's warnings with how many entries.
   */
  skipped: { name: string; entries: number }[];
}

export const MESSAGES_CSV = 'Messages.csv';
export const USERS_CSV = 'Users.csv';
export const GROUPS_CSV = 'Groups.csv';
/** Left by archivers, not by Viva Engage: not worth a warning. */
const ARCHIVER_LEFTOVERS = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** Whether the zip holds a Messages.csv anywhere (an export API answer for a quiet window may have none). */
export function hasMessagesEntry(entries: readonly { fileName: string }[]): boolean {
  return entries.some((entry) => {
    const lower = entry.fileName.toLowerCase();
    const name = MESSAGES_CSV.toLowerCase();
    return (lower === name || lower.endsWith(`/${name}`)) && !ARCHIVER_LEFTOVERS.test(entry.fileName);
  });
}

/**
 * Plans the read from the central directory alone: the shallowest Messages.csv marks the export's root
 * (names compared case-insensitively: the admin center and the API name them alike, archivers may not).
 */
export function planExport<TEntry extends { fileName: string }>(
  entries: readonly TEntry[],
  displayName: string,
): ExportLayout<TEntry> {
  const named = (entry: TEntry, name: string) => {
    const lower = entry.fileName.toLowerCase();
    return lower === name.toLowerCase() || lower.endsWith(`/${name.toLowerCase()}`);
  };
  const messages = entries
    .filter((entry) => named(entry, MESSAGES_CSV) && !ARCHIVER_LEFTOVERS.test(entry.fileName))
    .sort((a, b) => a.fileName.length - b.fileName.length)[0];
  if (!messages) {
    throw new Error(
      `${displayName} is not a Viva Engage network data export: it has no ${MESSAGES_CSV} ` +
        '(export it in the Viva Engage admin center: Governance and compliance > Data export)',
    );
  }
  const root = messages.fileName.slice(0, messages.fileName.length - MESSAGES_CSV.length);
  const atRoot = (name: string) =>
    entries.find((entry) => entry.fileName.toLowerCase() === (root + name).toLowerCase()) ?? null;
  const users = atRoot(USERS_CSV);
  const groups = atRoot(GROUPS_CSV);
  const read = new Set([messages, users, groups].filter((entry) => entry !== null));

  const skipped = new Map<string, number>();
  for (const entry of entries) {
    if (read.has(entry) || ARCHIVER_LEFTOVERS.test(entry.fileName)) continue;
    const relative = entry.fileName.startsWith(root) ? entry.fileName.slice(root.length) : entry.fileName;
    const parts = relative.split('/');
    const name = parts.length > 1 ? `${parts[0]}/` : parts[0];
    skipped.set(name, (skipped.get(name) ?? 0) + 1);
  }
  return {
    root,
    messages,
    users,
    groups,
    skipped: [...skipped]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, count]) => ({ name, entries: count })),
  };
}
