import { BadRequestException, Injectable } from '@nestjs/common';
import {
  EXPORT_MEDIA_TYPES,
  TABLE_REPORTS,
  type BusinessCaseReport,
  type DocumentReport,
  type ExportFormat,
  type KpiScope,
  type Locale,
  type OverviewExportQuery,
  type RolloutPlanView,
  type TableReport,
} from '@uptake/contracts';
import { UserRepository } from '@uptake/persistence';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { inRenderSlot } from '../common/render-slot';
import type { Principal } from '../auth/principal';
import { BusinessCaseService } from '../business-case/business-case.service';
import { GoalsService } from '../goals/goals.service';
import { KpisService } from '../kpis/kpis.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RolloutsService } from '../rollouts/rollouts.service';
import { writeCsv, type HeaderLines } from './csv';
import { exportLocale, formats } from './locale';
import { translator, type Translate } from './messages';
import { writePdf } from './pdf';
import { writePptx } from './pptx';
import { REPORT_TABLES, tableNames } from './report-tables';
import { steeringDocument, type SteeringData } from './steering-document';
import { buildTable } from './table';
import { writeXlsx } from './xlsx';

/** A file to send: its bytes, media type and download name. */
export interface ExportFile {
  body: Buffer;
  mediaType: string;
  filename: string;
}

/** Who asks for which export, with the parsed query (the report's fields and the export's own). */
export interface ExportRequest {
  organisationId: string;
  principal: Principal;
  request: Pick<Request, 'query' | 'ip'>;
  query: object & { format: ExportFormat; table?: string };
}

/** Reports whose route is more than their name (they belong to a community or a rollout phase). */
const NESTED_PATHS: Partial<Record<TableReport, string>> = {
  community: 'community/{groupId}',
  'phase-comparison': 'rollouts/{planId}/phases/{phaseId}/comparison',
  evaluations: 'rollouts/{planId}/phases/{phaseId}/evaluations',
};

/** The export's own query fields: everything else is the report's filters. */
const EXPORT_FIELDS = new Set(['format', 'table', 'locale']);

/** A report as it arrives from its service; the header reads its scope or label when it has one. */
interface LoadedReport {
  scope?: KpiScope;
  /** A report without a KPI scope may still say its days (a phase comparison). */
  from?: string;
  to?: string;
  label?: string;
}

/**
 * Turns the reports the API already serves into files: the report comes from its own service (same scope
 * checks, same k protection), its tables from the per-report mapping, and every export is audited.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly kpis: KpisService,
    private readonly goals: GoalsService,
    private readonly rollouts: RolloutsService,
    private readonly businessCase: BusinessCaseService,
    private readonly users: UserRepository,
  ) {}

  /** See exportLocale: the query's, the user's or the organisation's language. */
  private locale(input: ExportRequest): Promise<Locale> {
    return exportLocale(this.users, input.request, input.principal, input.organisationId);
  }

  /**
   * A report's tables as CSV (the main table, or `table`) or XLSX (every table, or `table`). An unknown table
   * is a 400 listing the report's tables, before the report is computed.
   */
  async tables<R extends object>(
    report: TableReport,
    input: ExportRequest,
    load: () => Promise<R>,
    title?: (data: R) => string,
  ): Promise<ExportFile> {
    const names = tableNames(report);
    if (input.query.table !== undefined && !names.includes(input.query.table)) {
      throw badRequest(`table must be one of ${names.join(', ')} (got ${JSON.stringify(input.query.table)})`);
    }
    const [data, locale] = await Promise.all([load(), this.locale(input)]);
    const t = translator(locale);
    const specs = REPORT_TABLES[report].filter((spec) =>
      input.query.table ? spec.name === input.query.table : true,
    );
    const tables = (input.query.format === 'csv' ? specs.slice(0, 1) : specs).map((spec) =>
      buildTable(spec, data as never, t),
    );
    const header = await this.header(report, input, data as LoadedReport, t, title?.(data));
    const body =
      input.query.format === 'csv'
        ? writeCsv([...header, [t('meta.table'), tables[0].title]], tables[0])
        : await writeXlsx(header, tables, t('meta.report'));
    return this.sent(report, input, body, locale);
  }

  /** A 400 for a report name no route serves, listing the routes that exist. */
  unknownReport(report: string): BadRequestException {
    const names = ['overview', ...TABLE_REPORTS.map((name) => NESTED_PATHS[name] ?? name)];
    return badRequest(`report must be one of ${names.join(', ')} (got ${JSON.stringify(report)})`);
  }

  /** The executive overview or the business case as a PDF or a deck. */
  async document(report: DocumentReport, input: ExportRequest): Promise<ExportFile> {
    const { organisationId } = input;
    const query = input.query as ExportRequest['query'] & Partial<OverviewExportQuery> & { planId?: string };
    const businessCase =
      report === 'business-case'
        ? await this.businessCase.report(organisationId, { planId: query.planId })
        : undefined;
    const [adoption, goals, plans] = await Promise.all([
      this.kpis.adoption(organisationId, {
        from: query.from,
        to: query.to,
        granularity: 'week',
        orgUnitId: query.orgUnitId,
        groupId: query.groupId,
      }),
      this.goals.list(organisationId),
      this.rollouts.list(organisationId),
    ]);
    const locale = await this.locale(input);
    const t = translator(locale);
    const f = formats(t.locale);
    const data: SteeringData = {
      kind: report,
      organisation: (await this.organisations.get(organisationId)).name,
      subtitle: (await this.header(report, input, { ...adoption, label: businessCase?.label }, t)).map(
        ([label, value]) => `${label}: ${value}`,
      ),
      adoption,
      goals,
      plan: planOf(plans, businessCase),
      ...(businessCase ? { businessCase } : {}),
    };
    const document = steeringDocument(data, t, f);
    const body = await inRenderSlot(() =>
      input.query.format === 'pdf' ? writePdf(document) : writePptx(document),
    );
    return this.sent(report, input, body, locale);
  }

  /** The lines above every table and under every document title. */
  private async header(
    report: TableReport | DocumentReport,
    input: ExportRequest,
    data: LoadedReport,
    t: Translate,
    title?: string,
  ): Promise<HeaderLines> {
    const organisation = await this.organisations.get(input.organisationId);
    const f = formats(t.locale);
    const scope = data.scope;
    const period = scope ?? (data.from && data.to ? { from: data.from, to: data.to } : undefined);
    const lines: [string, string][] = [
      [t('meta.report'), title ? `${t(`report.${report}`)}: ${title}` : t(`report.${report}`)],
      [t('meta.organisation'), organisation.name],
      [t('meta.period'), period ? `${f.day(period.from)} – ${f.day(period.to)}` : t('doc.none')],
      [t('meta.filters'), filtersText(filtersOf(input.query), t)],
      [t('meta.k'), f.count(scope?.minGroupSize ?? organisation.minGroupSize)],
      [t('meta.generatedAt'), f.instant(new Date())],
    ];
    if (data.label === 'observational estimate') lines.push([t('meta.estimate'), t('meta.yes')]);
    if (scope?.perturbation ?? organisation.perturbation) lines.push([t('meta.perturbation'), t('meta.yes')]);
    return lines;
  }

  /** Audits the export (who, which report, format, filters) and names the file. */
  private async sent(
    report: string,
    input: ExportRequest,
    body: Buffer,
    locale: Locale,
  ): Promise<ExportFile> {
    const format = input.query.format;
    await this.audit.record({
      action: 'report.exported',
      organisationId: input.organisationId,
      principal: input.principal,
      targetType: 'report',
      targetId: report,
      details: {
        report,
        format,
        ...(input.query.table ? { table: input.query.table } : {}),
        locale,
        filters: filtersOf(input.query),
        bytes: body.length,
      },
      ip: input.request.ip,
    });
    return {
      body,
      mediaType: EXPORT_MEDIA_TYPES[format],
      filename: exportFilename(report, format, new Date()),
    };
  }
}

/** `uptake-<report>-<yyyy-mm-dd>.<ext>` (the UTC day of the export). */
export function exportFilename(report: string, format: ExportFormat, now: Date): string {
  return `uptake-${report}-${now.toISOString().slice(0, 10)}.${format}`;
}

/** The report's own query fields that are set (defaults included: they are what the figures are about). */
export function filtersOf(query: object): Record<string, string | number | boolean> {
  const filters: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (EXPORT_FIELDS.has(key) || value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      filters[key] = value;
  }
  return filters;
}

/** "Granularity: week; Org unit: 3f…" (the period is a line of its own). */
function filtersText(filters: Record<string, string | number | boolean>, t: Translate): string {
  const parts = Object.entries(filters)
    .filter(([key]) => key !== 'from' && key !== 'to')
    .map(([key, value]) => `${t.optional(`filter.${key}`) ?? key}: ${String(value)}`);
  return parts.length > 0 ? parts.join('; ') : t('meta.noFilters');
}

/** The business case's plan, else the plan the overview shows: the active one, else the most recently changed. */
export function planOf(
  plans: readonly RolloutPlanView[],
  businessCase?: BusinessCaseReport,
): RolloutPlanView | undefined {
  if (businessCase?.plan) return plans.find((plan) => plan.id === businessCase.plan?.id);
  const latestFirst = [...plans].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return latestFirst.find((plan) => plan.status === 'active') ?? latestFirst[0];
}

function badRequest(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });
}
