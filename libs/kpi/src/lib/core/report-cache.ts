import type { DataSource } from 'typeorm';
import { canonicalJson } from '../business-case/baseline';
import { ORGANISATION_STATE_SQL, reportKeyHash, type ReportSnapshots } from './report-snapshots';

/** Where a report came from: this process's memory, the shared snapshot table, or a computation. */
export type CacheLookup = 'hit' | 'snapshot' | 'miss';

export interface ReportCacheHooks {
  /** Told of every lookup (the API counts them for its metrics). */
  onLookup?: (result: CacheLookup) => void;
  /** The shared second level; without it the cache is per process only. */
  snapshots?: ReportSnapshots;
  /** Store computed answers in `snapshots` too (the worker); without it they are only read (the API). */
  writeSnapshots?: boolean;
  /** A snapshot read or write failed: the answer is computed (or not shared), the caller may log it. */
  onSnapshotError?: (error: unknown) => void;
}

/**
 * Snapshot writes in flight per process. A write is not awaited by the request that computed the answer (it
 * answers at once); beyond this many, answers are not shared until the database catches up, so a slow database
 * cannot pile up writes and the memory they hold.
 */
const MAX_PENDING_WRITES = 8;

/**
 * KPI reports kept until their inputs change: dashboards ask for the same scopes again and again between two
 * ingests, and some reports stay expensive even from the rollups (the network's graph measures, the
 * diffusion's Bass fit and bootstrap, the median time to first response). An entry is keyed by what the report
 * reads: the organisation's rollup version (bumped by every refresh, in its transaction) and directory version
 * (bumped by triggers on people, org units and group memberships: a directory import changes them without a
 * refresh), its time zone, k and perturbation, plus the report's scope and options. So a hit returns exactly
 * what a computation would.
 *
 * Two levels: this process's memory (least recently used entries go first beyond `capacity`), then, with
 * `snapshots`, the table every API and worker process shares, read for the current state only. A computed
 * answer is stored in memory, and in the table when `writeSnapshots` (the worker): so the first request of a
 * scope the worker precomputed after a refresh, or computed for a gate, is one indexed read on every API
 * instance instead of a computation. The API only reads the table: a GET never writes, not even derived
 * data. Privacy: a snapshot is exactly what the computation returns for that state, and k and perturbation
 * are part of the state, so serving it reveals nothing a computation would not. Bounded: see SNAPSHOT_BOUNDS.
 */
export class ReportCache {
  private readonly entries = new Map<string, unknown>();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly capacity = 100,
    private readonly hooks: ReportCacheHooks = {},
  ) {}

  /**
   * The report of `key` for the organisation's current state. `key` is a JSON value whose first element names
   * the report family (for the snapshot table's `report` column); its objects' field order does not matter.
   */
  async get<T>(organisationId: string, key: unknown, compute: () => Promise<T>): Promise<T> {
    const state = await this.state(organisationId);
    const keyJson = canonicalJson(key);
    const entry = `${organisationId} ${state} ${keyJson}`;
    if (this.entries.has(entry)) {
      const value = this.entries.get(entry) as T;
      this.entries.delete(entry);
      this.entries.set(entry, value);
      this.lookup('hit');
      return structuredClone(value);
    }
    // An organisation without a state (not found) has nothing to share.
    const snapshots = state ? this.hooks.snapshots : undefined;
    const keyHash = snapshots ? reportKeyHash(key) : undefined;
    if (snapshots && keyHash) {
      const stored = await snapshots.read(organisationId, keyHash, state).catch((error: unknown) => {
        this.hooks.onSnapshotError?.(error);
        return undefined;
      });
      if (stored !== undefined) {
        this.lookup('snapshot');
        this.remember(entry, structuredClone(stored));
        return stored as T;
      }
    }
    this.lookup('miss');
    const value = await compute();
    this.remember(entry, structuredClone(value));
    if (snapshots && keyHash && this.hooks.writeSnapshots)
      this.share(snapshots, organisationId, keyHash, key, state, value);
    return value;
  }

  /** Resolves when every snapshot write started so far has finished (the worker's precompute, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private remember(entry: string, value: unknown): void {
    this.entries.set(entry, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Stores a computed answer for other processes, without holding up the answer. */
  private share(
    snapshots: ReportSnapshots,
    organisationId: string,
    keyHash: Buffer,
    key: unknown,
    state: string,
    value: unknown,
  ): void {
    if (this.pendingWrites.size >= MAX_PENDING_WRITES) return;
    const report = Array.isArray(key) && typeof key[0] === 'string' ? key[0] : 'report';
    const write: Promise<void> = snapshots
      .write(organisationId, keyHash, report, state, value)
      .then(
        () => undefined,
        (error: unknown) => this.hooks.onSnapshotError?.(error),
      )
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }

  private lookup(result: CacheLookup): void {
    this.hooks.onLookup?.(result);
  }

  /** The organisation's state (see ORGANISATION_STATE_SQL); '' when it does not exist. */
  private async state(organisationId: string): Promise<string> {
    const [row]: { state: string }[] = await this.dataSource.query(ORGANISATION_STATE_SQL, [organisationId]);
    return row?.state ?? '';
  }
}
