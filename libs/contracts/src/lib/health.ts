import { z } from 'zod';
import { instant } from './fields';

export const COMPONENT_STATUSES = ['up', 'down'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const healthComponentSchema = z.object({
  status: z.enum(COMPONENT_STATUSES),
  latencyMs: z.number().optional().describe('Round trip of the check in ms'),
  error: z.string().optional(),
});
export type HealthComponent = z.infer<typeof healthComponentSchema>;

export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  components: z.object({
    postgres: healthComponentSchema,
    redis: healthComponentSchema,
    spool: healthComponentSchema.describe(
      'Where uploads and webhook batches are spooled (SPOOL_STORE: a directory or an S3 bucket). Not part of ' +
        'the status nor of readiness: while it is down uploads and webhook pushes answer 503 and KPIs are served',
    ),
  }),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** GET /api/health/live: the process runs and its event loop answers. */
export const livenessReportSchema = z.object({ status: z.literal('ok') });
export type LivenessReport = z.infer<typeof livenessReportSchema>;

/** Whether the schema in Postgres is the one this version expects (every migration it knows is applied). */
export const migrationsComponentSchema = healthComponentSchema.extend({
  pending: z
    .array(z.string())
    .optional()
    .describe('Migrations this version knows that the database has not applied (by class name)'),
});

/**
 * GET /api/health/ready (and the worker's /health/ready, without migrations): 200 `ready` only when every
 * component is up, else 503 `not_ready` naming the components that are not.
 */
export const readinessReportSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  notReady: z.array(z.enum(['postgres', 'redis', 'migrations'])).describe('Components that are not up'),
  components: z.object({
    postgres: healthComponentSchema,
    redis: healthComponentSchema,
    migrations: migrationsComponentSchema.optional(),
  }),
});
export type ReadinessReport = z.infer<typeof readinessReportSchema>;

/** Uploads and webhook batches on disk (GET /api/admin/spool, for operators). */
export const spoolReportSchema = z.object({
  files: z.number(),
  bytes: z.number(),
  oldestModifiedAt: instant
    .nullable()
    .describe('When the oldest file was last written (ISO 8601), or null for an empty spool'),
  truncated: z
    .boolean()
    .describe('The spool holds more entries than one pass looks at: the figures cover the first ones'),
  orphanGraceMinutes: z
    .number()
    .describe("Files no run needs are removed by the worker's reconciler once this old"),
  failedRetentionDays: z.number().describe("A failed run's file is kept this long for a retry"),
});
export type SpoolReport = z.infer<typeof spoolReportSchema>;
