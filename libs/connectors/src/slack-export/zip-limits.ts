import type { ZipOpenOptions } from '../shared/zip/zip-archive';

/** Entries a Slack export may list. */
export const MAX_ZIP_ENTRIES = 100_000;
/**
 * Bytes one entry may inflate to: every entry is read whole. Counted as the bytes come, not taken from the
 * zip's table of contents (which can lie): a 500 MB users.json of blanks deflates to half a megabyte.
 */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export const SLACK_EXPORT_ZIP: ZipOpenOptions = {
  maxEntries: MAX_ZIP_ENTRIES,
  maxEntryBytes: MAX_ENTRY_BYTES,
  tooManyEntriesAdvice: 'export fewer days or channels at a time',
};
