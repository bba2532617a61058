import type { DataSource } from 'typeorm';

/**
 * KPI reports kept per process until their inputs change: dashboards ask for the same scopes again and
 * again between two ingests, and some reports stay expensive even from the rollups (the network's graph
 * measures, the diffusion's Bass fit and bootstrap, the median time to first response). An entry is keyed by
 * what the report reads: the organisation's rollup version (bumped by every refresh, in its transaction)
 * and directory version (bumped by triggers on people, org units and group memberships: a directory import
 * changes them without a refresh), plus the report's scope and options. So a hit returns exactly what a computation
 * would; the least recently used entries go first beyond `capacity`.
 */
export class ReportCache {
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly capacity = 100,
    private readonly onLookup: (result: 'hit' | 'miss') => void = () => undefined,
  ) {}

  async get<T>(organisationId: string, key: unknown, compute: () => Promise<T>): Promise<T> {
    const entry = `${organisationId} ${await this.state(organisationId)} ${JSON.stringify(key)}`;
    if (this.entries.has(entry)) {
      const value = this.entries.get(entry) as T;
      this.entries.delete(entry);
      this.entries.set(entry, value);
      this.onLookup('hit');
      return structuredClone(value);
    }
    this.onLookup('miss');
    const value = await compute();
    this.entries.set(entry, structuredClone(value));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  /**
   * What the organisation's reports rest on: its rollup version (bumped by every refresh), its directory
   * version (bumped by triggers on people, org units and group memberships), its time zone, k and whether
   * counts are perturbed.
   */
  private async state(organisationId: string): Promise<string> {
    const [row]: { state: string }[] = await this.dataSource.query(
      `SELECT concat_ws(':', v.version, v.directory_version, o.time_zone, o.min_group_size, o.perturbation) AS state
       FROM organisations o LEFT JOIN kpi_rollup_versions v ON v.organisation_id = o.id
       WHERE o.id = $1`,
      [organisationId],
    );
    return row?.state ?? '';
  }
}
