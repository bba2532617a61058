import type { TableReport } from '@uptake/contracts';
import {
  adoption,
  bestCases,
  communities,
  community,
  diffusion,
  engagement,
  firstPost,
  knowledgeFlow,
  lifecycle,
  network,
  networkPeople,
  participation,
  people,
  personas,
  retention,
} from './kpi-tables';
import { businessCase, evaluations, goals, phaseComparison } from './programme-tables';
import type { ReportTables } from './table';

/**
 * Which tables each report becomes: the report's arrays of rows with their columns, and its single figures as
 * a "Figure | Value" table. Labels come from the message catalogue (`col.<path>`, `table.<name>`); values are
 * copied by path, so a column is one line here and nothing is recomputed.
 */

/** Every table report's tables. The type makes a report without tables a compile error. */
export const REPORT_TABLES: { [K in TableReport]: ReportTables<never> } = {
  adoption,
  participation,
  engagement,
  retention,
  network,
  'network-people': networkPeople,
  diffusion,
  people,
  communities,
  community,
  'best-cases': bestCases,
  personas,
  lifecycle,
  'first-post': firstPost,
  'knowledge-flow': knowledgeFlow,
  goals,
  'business-case': businessCase,
  'phase-comparison': phaseComparison,
  evaluations,
};

/** The names of a report's tables, the main (CSV default) first. */
export function tableNames(report: TableReport): string[] {
  return REPORT_TABLES[report].map((table) => table.name);
}
