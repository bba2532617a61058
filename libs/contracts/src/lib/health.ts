export type ComponentStatus = 'up' | 'down';

export interface HealthComponent {
  status: ComponentStatus;
  /** Round-trip time of the check in milliseconds. */
  latencyMs?: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  components: {
    postgres: HealthComponent;
    redis: HealthComponent;
  };
}

/** Uploads and webhook batches on disk (GET /api/admin/spool, for operators). */
export interface SpoolReport {
  files: number;
  bytes: number;
  /** When the oldest file was last written (ISO 8601), or null for an empty spool. */
  oldestModifiedAt: string | null;
  /** The spool holds more entries than one pass looks at: the figures cover the first ones. */
  truncated: boolean;
  /** Files no run needs are removed by the worker's reconciler once this old. */
  orphanGraceMinutes: number;
  /** A failed run's file is kept this long for a retry. */
  failedRetentionDays: number;
}
