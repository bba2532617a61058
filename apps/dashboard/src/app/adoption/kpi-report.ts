import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { computed, inject, type Signal } from '@angular/core';
import type { Granularity } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { OrganisationContext } from '../shell/organisation-context';

export type KpiReportName =
  | 'participation'
  | 'engagement'
  | 'retention'
  | 'network'
  | 'network/people'
  | 'diffusion'
  | 'communities'
  | `communities/${string}`
  | 'best-cases'
  | 'personas'
  | 'lifecycle'
  | 'first-post'
  | 'knowledge-flow';

export type KpiQueryValues = Record<string, string | number | null | undefined>;

// The contract's list, as a literal: importing a value from @uptake/contracts would bundle zod into the page.
export const GRANULARITIES = ['day', 'week', 'month'] as const satisfies readonly Granularity[];
export type { Granularity };

/** URL of one KPI report of an organisation; empty filters are left out so the API applies its defaults. */
export function kpiUrl(organisationId: string, report: KpiReportName, query: KpiQueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const suffix = params.size > 0 ? `?${params}` : '';
  return `/api/organisations/${encodeURIComponent(organisationId)}/kpis/${report}${suffix}`;
}

/** The granularity asked for in the URL, or undefined (the API's weekly default) when absent or unknown. */
export function granularityParam(value: string | undefined): Granularity | undefined {
  return GRANULARITIES.find((granularity) => granularity === value);
}

/** HTTP status of a failed request (httpResource may wrap the HttpErrorResponse in `cause`). */
export function httpStatus(error: unknown): number | null {
  if (error instanceof HttpErrorResponse) return error.status;
  const cause = (error as { cause?: unknown } | null | undefined)?.cause;
  return cause instanceof HttpErrorResponse ? cause.status : null;
}

export interface KpiReport<T> {
  /** The loaded report, or undefined while loading or after an error. */
  readonly value: Signal<T | undefined>;
  /** The server's message when the request failed. */
  readonly error: Signal<string | null>;
  readonly status: Signal<number | null>;
  readonly loading: Signal<boolean>;
  /** The query the report is asked with: what the page's download menu sends to its export. */
  readonly query: Signal<KpiQueryValues>;
  /** The report's export (GET …/exports/<name>): the same figures as CSV or XLSX. */
  readonly exportName: Signal<string>;
}

/** The export of a KPI report: `communities/<id>` is exported as `community/<id>`, `network/people` as `network-people`. */
export function kpiExportName(report: KpiReportName): string {
  if (report === 'network/people') return 'network-people';
  return report.startsWith('communities/') ? `community/${report.slice('communities/'.length)}` : report;
}

/**
 * Loads a KPI report for the current organisation with the page's filters (org unit, group, range and
 * granularity from the URL), reloading whenever they change. `extra` adds report-specific parameters;
 * `enabled` returning false skips the request. Call from a component's field initialiser.
 */
export function kpiReport<T>(
  report: KpiReportName,
  extra: () => KpiQueryValues = () => ({}),
  enabled: () => boolean = () => true,
): KpiReport<T> {
  const context = inject(OrganisationContext);
  const query = computed((): KpiQueryValues => ({
    ...context.filters(),
    granularity: granularityParam(context.param('granularity')),
    ...extra(),
  }));
  const resource = httpResource<T>(() => {
    const organisation = context.organisation();
    if (!organisation || !enabled()) return undefined;
    return kpiUrl(organisation.id, report, query());
  });
  return {
    query,
    exportName: computed(() => kpiExportName(report)),
    value: computed(() => (resource.hasValue() ? resource.value() : undefined)),
    error: computed(() => (resource.error() ? errorMessage(resource.error()) : null)),
    status: computed(() => httpStatus(resource.error())),
    loading: computed(() => resource.isLoading()),
  };
}
