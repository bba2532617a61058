import type { JsonValue, StreamName } from '@uptake/connector-sdk';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Settings (and credentials) a source saved with an earlier version of its connector. */
export interface EarlierSettings {
  /** The version or change they come from (a commit, a release) and what was different then. */
  from: string;
  settings: unknown;
  /** When absent, the contract's current credentials are used. */
  credentials?: unknown;
}

/** Entries kept in one fixture: each is parsed by the contract; a history is short. */
const MAX_EARLIER_SETTINGS = 100;

const earlierSettingsFile = z.strictObject({
  $comment: z.string().optional(),
  versions: z
    .array(
      z.strictObject({
        from: z.string().min(1),
        settings: z.unknown(),
        credentials: z.unknown().optional(),
      }),
    )
    .min(1, 'list at least the settings of the first version')
    .max(MAX_EARLIER_SETTINGS),
});

/**
 * The earlier settings a connector folder keeps in `fixtures/earlier-settings.json`. A source's settings are
 * stored in the database and outlive the code that wrote them: changing the schema so they no longer parse
 * breaks every such source at its next run, so each connector keeps examples from its earlier versions.
 */
export function earlierSettingsFixture(connectorFolder: string): EarlierSettings[] {
  const file = path.join(connectorFolder, 'fixtures', 'earlier-settings.json');
  const parsed = earlierSettingsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.versions.map((version) => ({ ...version, settings: version.settings ?? {} }));
}

/**
 * Checkpoints of the wrong shape that every connector must refuse for the stream it resumes: a stored
 * checkpoint that is not an object at all. A contract adds objects with fields of the wrong type.
 */
export const CORRUPT_CHECKPOINTS: readonly JsonValue[] = ['line 12', 42, [1, 2], true];

/** The stream whose checkpoint the resume case uses: activity, or the people of a directory connector. */
export function resumedStream(expected: { activities: number }): StreamName {
  return expected.activities > 0 ? 'activity' : 'directory';
}
