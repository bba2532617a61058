import { z } from 'zod';
import { tenantIdSchema } from '../shared/ms-graph/entra-token';
import { REPORT_NAMES } from './reports';

/** Graph keeps 28 days of per-day detail: older dates cannot be requested. */
export const MAX_LOOKBACK_DAYS = 28;

export const msGraphReportsSettings = z.strictObject({
  baseUrl: z.url().default('https://graph.microsoft.com/v1.0'),
  tokenUrl: z.url().default('https://login.microsoftonline.com'),
  /** Needed to call Graph; a source that only receives uploaded report files can leave it out. */
  tenantId: tenantIdSchema.optional(),
  /** Reports fetched from Graph. Uploaded files are recognised by their header instead. */
  reports: z
    .array(z.enum(REPORT_NAMES))
    .min(1)
    .default([...REPORT_NAMES]),
  lookbackDays: z.number().int().min(1).max(MAX_LOOKBACK_DAYS).default(MAX_LOOKBACK_DAYS),
  /** Usage reports are published about 48 h late: the newest days are not asked for yet. */
  lagDays: z.number().int().min(0).max(14).default(2),
  /**
   * Days up to the last one read that every sync reads again: Microsoft republishes the last days of a
   * report with corrected counts (data arrives late), and a corrected count replaces the stored one.
   */
  refreshDays: z.number().int().min(0).max(MAX_LOOKBACK_DAYS).default(4),
  /** Rows of an uploaded report between two checkpoints. */
  checkpointRows: z.number().int().min(1).max(1_000_000).default(1_000),
});
export type MsGraphReportsSettings = z.infer<typeof msGraphReportsSettings>;

/**
 * An app registration with the Reports.Read.All application permission. Optional because a source may
 * only receive uploaded report files; reading from Graph without them fails with a clear message.
 */
export const msGraphReportsCredentials = z.strictObject({
  clientId: z.guid().optional(),
  clientSecret: z.string().min(1).optional(),
});
export type MsGraphReportsCredentials = z.infer<typeof msGraphReportsCredentials>;
