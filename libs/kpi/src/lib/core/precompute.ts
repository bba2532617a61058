import {
  bestCasesQuerySchema,
  communitiesQuerySchema,
  diffusionQuerySchema,
  firstPostQuerySchema,
  networkPeopleQuerySchema,
  retentionQuerySchema,
  type KpiScope,
} from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import type { KpiReports } from '../kpi-reports';
import { defaultReportRange, kpiScope } from './kpi-scope';

/**
 * The KPI requests the dashboard sends first, with no filter, range or option in the URL: its pages' defaults,
 * as URL query parameters (the form the API parses). Kept in step with the dashboard by hand (a lib cannot
 * import the app); precompute.spec.ts reads those constants from the dashboard's sources to catch a drift.
 * - overview.page.ts: adoption, granularity=week
 * - adoption page sections (adoption/*-section.component.ts): participation, engagement, retention
 *   (SILENT_WEEKS), network, network/people (admins), diffusion (DEFAULT_TARGET_SHARE), personas, lifecycle,
 *   first-post (FIRST_POST_RESPONSE_HOURS), knowledge-flow
 * - communities page: communities (no sort until the list is capped), best-cases (kind all: left out)
 * The most expensive first, so a refresh short of time still shares those.
 */
export const DASHBOARD_FIRST_REQUESTS = [
  { endpoint: 'network', query: {} },
  { endpoint: 'diffusion', query: { targetShare: '0.8' } },
  { endpoint: 'best-cases', query: {} },
  { endpoint: 'communities', query: {} },
  { endpoint: 'knowledge-flow', query: {} },
  { endpoint: 'engagement', query: {} },
  { endpoint: 'network/people', query: {} },
  { endpoint: 'adoption', query: { granularity: 'week' } },
  { endpoint: 'participation', query: {} },
  { endpoint: 'retention', query: { silentWeeks: '4' } },
  { endpoint: 'personas', query: {} },
  { endpoint: 'lifecycle', query: {} },
  { endpoint: 'first-post', query: { responseHours: '24' } },
] as const satisfies readonly DashboardRequest[];

export interface DashboardRequest {
  /** The path after /kpis/. */
  endpoint: string;
  /** Its query parameters besides the scope's (none: the API's defaults). */
  query: Record<string, string>;
}

/**
 * Asks `reports` for one request's report, its options parsed by the endpoint's own contract schema (so the
 * defaults and the key are the API's). Filters are the scope's: the query carries report options only.
 */
export async function requestReport(
  reports: KpiReports,
  scope: KpiScope,
  request: DashboardRequest,
): Promise<unknown> {
  const { query } = request;
  switch (request.endpoint) {
    case 'adoption':
      return reports.adoption(scope);
    case 'participation':
      return reports.participation(scope);
    case 'engagement':
      return reports.engagement(scope);
    case 'retention':
      return reports.retention(scope, retentionQuerySchema.parse(query).silentWeeks);
    case 'network':
      return reports.network(scope);
    case 'network/people':
      return reports.networkPeople(scope, networkPeopleQuerySchema.parse(query).top);
    case 'diffusion':
      return reports.diffusion(scope, diffusionQuerySchema.parse(query));
    case 'communities':
      return reports.communities(scope, communitiesQuerySchema.parse(query));
    case 'best-cases':
      return reports.bestCases(scope, bestCasesQuerySchema.parse(query));
    case 'personas':
      return reports.personas(scope);
    case 'lifecycle':
      return reports.lifecycle(scope);
    case 'first-post':
      return reports.firstPost(scope, firstPostQuerySchema.parse(query).responseHours);
    case 'knowledge-flow':
      return reports.knowledgeFlow(scope);
    default:
      throw new Error(`precompute: no KPI endpoint '${request.endpoint}'`);
  }
}

/** The default scope of the dashboard for an organisation (no filter, the last 90 days, weekly), or null. */
export async function defaultDashboardScope(
  dataSource: DataSource,
  reports: KpiReports,
  organisationId: string,
  earliestDay: string,
  now = new Date(),
): Promise<KpiScope | null> {
  const [organisation]: { minGroupSize: number; perturbation: boolean }[] = await dataSource.query(
    `SELECT min_group_size AS "minGroupSize", perturbation FROM organisations WHERE id = $1`,
    [organisationId],
  );
  if (!organisation) return null;
  const range = defaultReportRange(await reports.lastActiveDay(organisationId, now), earliestDay, now);
  return kpiScope(organisationId, organisation, { ...range, granularity: 'week' });
}

export interface PrecomputeResult {
  /** Endpoints whose report is now shared (computed, or already there). */
  done: string[];
  /** Endpoints not started: the time budget ran out. */
  skipped: string[];
  /** Endpoints that failed, with the error's message. */
  failed: { endpoint: string; error: string }[];
  durationMs: number;
}

/**
 * After a refresh, computes the dashboard's first requests for the organisation's default scope through
 * `reports` (whose cache shares them in kpi_report_snapshots), so an API instance's first request of them is a
 * table read. One report at a time, none started after `budgetMs`; a failing report is reported and the others
 * go on. Resolves when the answers are stored.
 */
export async function precomputeDashboardReports(
  dataSource: DataSource,
  reports: KpiReports,
  organisationId: string,
  options: { earliestDay: string; budgetMs: number; now?: Date },
): Promise<PrecomputeResult> {
  const started = performance.now();
  const result: PrecomputeResult = { done: [], skipped: [], failed: [], durationMs: 0 };
  const scope = await defaultDashboardScope(
    dataSource,
    reports,
    organisationId,
    options.earliestDay,
    options.now,
  );
  for (const request of DASHBOARD_FIRST_REQUESTS) {
    if (!scope || performance.now() - started > options.budgetMs) {
      result.skipped.push(request.endpoint);
      continue;
    }
    try {
      await requestReport(reports, scope, request);
      // Stored before the next one starts: the cache drops writes beyond a few in flight.
      await reports.snapshotsSettled();
      result.done.push(request.endpoint);
    } catch (error) {
      result.failed.push({ endpoint: request.endpoint, error: (error as Error).message });
    }
  }
  result.durationMs = performance.now() - started;
  return result;
}
