import { z } from 'zod';
import { businessCaseQuerySchema } from './business-case-api';
import { bestCasesQuerySchema, communitiesQuerySchema, communityDetailQuerySchema } from './communities';
import { oneOf, uuid } from './fields';
import { dateRangeQueryShape } from './activity';
import {
  diffusionQuerySchema,
  kpiQuerySchema,
  networkPeopleQuerySchema,
  peopleQuerySchema,
  retentionQuerySchema,
} from './kpi-queries';
import { localeSchema } from './locale';
import { firstPostQuerySchema } from './people-dynamics';
import { comparisonQuerySchema, evaluationsQuerySchema } from './rollouts';

/*
 * Downloads of what the dashboard shows: every report as CSV or XLSX tables, and the executive overview and
 * business case as PDF or PPTX documents. Each export takes its report's own query (the same schema, so the
 * same 400s) plus the export's format, table and locale.
 */

/** Formats of a report's tables: CSV (one table) or an XLSX workbook (a sheet per table). */
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
/** Formats of the steering-committee documents. */
export const DOCUMENT_FORMATS = ['pdf', 'pptx'] as const;
export const EXPORT_FORMATS = [...TABLE_FORMATS, ...DOCUMENT_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The media type each format is sent as. */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The reports that export as tables (the name is the URL segment after `exports/`). */
export const TABLE_REPORTS = [
  'adoption',
  'participation',
  'engagement',
  'retention',
  'network',
  'network-people',
  'diffusion',
  'people',
  'communities',
  'community',
  'best-cases',
  'personas',
  'lifecycle',
  'first-post',
  'knowledge-flow',
  'goals',
  'business-case',
  'phase-comparison',
  'evaluations',
] as const;
export type TableReport = (typeof TABLE_REPORTS)[number];
/** The reports that export as documents. */
export const DOCUMENT_REPORTS = ['overview', 'business-case'] as const;
export type DocumentReport = (typeof DOCUMENT_REPORTS)[number];
export type ExportReport = TableReport | DocumentReport;

/** Rows one exported table holds at most; a table cut there ends with a row saying so. */
export const MAX_EXPORT_ROWS = 50_000;

const tableName = z
  .string({ error: 'must be a table name' })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, {
    error: 'must be a table name like points (lower-case letters, digits, -)',
  })
  .describe("CSV only: which of the report's tables (default: its main table; the XLSX has them all)");

/** What every table export adds to its report's query. */
export const tableExportShape = {
  format: oneOf(TABLE_FORMATS).default('csv'),
  table: tableName.optional(),
  locale: localeSchema.optional().describe('Language of the labels (default en)'),
};

/** What every document export adds to its report's query. */
export const documentExportShape = {
  format: oneOf(DOCUMENT_FORMATS).default('pdf'),
  locale: localeSchema.optional().describe('Language of the document (default en)'),
};

// Each report's query with the table export's fields added (the report's own fields keep their checks).
export const kpiExportQuerySchema = kpiQuerySchema.extend(tableExportShape);
export const retentionExportQuerySchema = retentionQuerySchema.extend(tableExportShape);
export const networkPeopleExportQuerySchema = networkPeopleQuerySchema.extend(tableExportShape);
export const diffusionExportQuerySchema = diffusionQuerySchema.extend(tableExportShape);
export const peopleExportQuerySchema = peopleQuerySchema.extend(tableExportShape);
export const communitiesExportQuerySchema = communitiesQuerySchema.extend(tableExportShape);
export const communityDetailExportQuerySchema = communityDetailQuerySchema.extend(tableExportShape);
export const bestCasesExportQuerySchema = bestCasesQuerySchema.extend(tableExportShape);
export const firstPostExportQuerySchema = firstPostQuerySchema.extend(tableExportShape);
export const goalsExportQuerySchema = z.strictObject(tableExportShape);
export const comparisonExportQuerySchema = comparisonQuerySchema.extend(tableExportShape);
export const evaluationsExportQuerySchema = evaluationsQuerySchema.extend(tableExportShape);

/** The business case exports as tables and as a document: one format list for both. */
export const businessCaseExportQuerySchema = businessCaseQuerySchema.extend({
  ...tableExportShape,
  format: oneOf(EXPORT_FORMATS).default('csv'),
});
export type BusinessCaseExportQuery = z.infer<typeof businessCaseExportQuerySchema>;

/**
 * The executive overview: the adoption chart's range and population (weekly, as on the overview page), the
 * goals and the current rollout plan.
 */
export const overviewExportQuerySchema = z.strictObject({
  ...dateRangeQueryShape,
  orgUnitId: uuid().optional().describe('Only people in this org unit and the units below it'),
  groupId: uuid().optional().describe('Only members of this group (e.g. the pilot cohort)'),
  ...documentExportShape,
});
export type OverviewExportQuery = z.infer<typeof overviewExportQuerySchema>;
