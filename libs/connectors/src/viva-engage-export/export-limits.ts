/** Entries an export may list (names and sizes are held in memory, a few hundred bytes each). */
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

/** What to do about an export listing more entries than MAX_ARCHIVE_ENTRIES. */
export const TOO_MANY_ENTRIES_ADVICE = 'export without attachments (include=csv) or a shorter period';
