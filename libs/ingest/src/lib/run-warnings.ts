import { MAX_RUN_WARNINGS, type RunWarning } from '@uptake/contracts';

/** The warning that counts the ones a run could not keep apart (more distinct kinds than MAX_RUN_WARNINGS). */
export const TRUNCATED_CODE = 'warnings-truncated';

const MAX_CODE = 100;
const MAX_MESSAGE = 1_000;
const MAX_FILE = 1_000;

/**
 * Warnings aggregated by code and file: the same warning again adds its count to the first one's (whose
 * message is kept). At most MAX_RUN_WARNINGS entries: past that, further kinds are counted in one
 * `warnings-truncated` entry, so what a source yields can never grow a run's row without bound.
 */
export class WarningSet {
  private readonly byKey = new Map<string, RunWarning>();

  constructor(warnings: Iterable<RunWarning> = []) {
    for (const warning of warnings) this.add(warning);
  }

  add(warning: RunWarning): void {
    const clean = storable(warning);
    const key = keyOf(clean);
    const existing = this.byKey.get(key);
    if (existing) {
      existing.count += clean.count;
      return;
    }
    if (this.byKey.size < MAX_RUN_WARNINGS - 1 || (clean.code === TRUNCATED_CODE && !clean.file)) {
      this.byKey.set(key, clean);
      return;
    }
    const truncated = this.byKey.get(TRUNCATED_CODE);
    if (truncated) truncated.count += clean.count;
    else {
      this.byKey.set(TRUNCATED_CODE, {
        code: TRUNCATED_CODE,
        message: `More kinds of warnings than a run keeps (${MAX_RUN_WARNINGS}): the others are counted here.`,
        count: clean.count,
      });
    }
  }

  get(warning: Pick<RunWarning, 'code' | 'file'>): RunWarning | undefined {
    return this.byKey.get(keyOf(warning));
  }

  get size(): number {
    return this.byKey.size;
  }

  toJSON(): RunWarning[] {
    return [...this.byKey.values()].map((warning) => ({ ...warning }));
  }
}

/**
 * What a run's warnings are after an attempt: the ones committed before it (`committed`), the attempt's
 * preamble (warnings yielded before its first checkpoint, which every attempt yields again: an attempt that
 * resumes from a checkpoint re-reads the input's lists, so they count once, as the larger of the two) and the
 * attempt's warnings after that (read once, so added up).
 */
export function combineWarnings(
  committed: readonly RunWarning[],
  preamble: WarningSet,
  body: WarningSet,
): RunWarning[] {
  const result = new WarningSet();
  const seen = new Set<string>();
  for (const warning of committed) {
    const again = preamble.get(warning);
    seen.add(keyOf(warning));
    result.add({ ...warning, count: Math.max(warning.count, again?.count ?? 0) });
  }
  for (const warning of preamble.toJSON()) if (!seen.has(keyOf(warning))) result.add(warning);
  for (const warning of body.toJSON()) result.add(warning);
  return result.toJSON();
}

/** Warnings read back from a run row (jsonb): anything malformed is dropped rather than failing the run. */
export function readWarnings(value: unknown): RunWarning[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (warning): warning is RunWarning =>
      typeof warning === 'object' &&
      warning !== null &&
      typeof (warning as RunWarning).code === 'string' &&
      typeof (warning as RunWarning).message === 'string' &&
      typeof (warning as RunWarning).count === 'number',
  );
}

function keyOf(warning: Pick<RunWarning, 'code' | 'file'>): string {
  return `${warning.code}\u0000${warning.file ?? ''}`;
}

/** Bounded, storable text (no NUL, no lone surrogate) and a positive whole count. */
function storable(warning: RunWarning): RunWarning {
  const count = Number.isSafeInteger(warning.count) && warning.count > 0 ? warning.count : 1;
  const file = warning.file ? clip(warning.file, MAX_FILE) : undefined;
  return {
    code: clip(String(warning.code || 'warning'), MAX_CODE),
    message: clip(String(warning.message ?? ''), MAX_MESSAGE),
    count,
    ...(file ? { file } : {}),
  };
}

function clip(text: string, max: number): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replaceAll('\u0000', '\uFFFD').toWellFormed();
}
