import { httpResource } from '@angular/common/http';
import { computed, inject } from '@angular/core';
import type { CommunityDetail } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import {
  granularityParam,
  httpStatus,
  kpiExportName,
  kpiUrl,
  type KpiQueryValues,
  type KpiReport,
} from '../adoption/kpi-report';
import { OrganisationContext } from '../shell/organisation-context';

/**
 * One community's detail (GET …/kpis/communities/:groupId) with the page's filters, for the community picked
 * in the URL. `kpiReport()` takes a fixed report name; the detail's path changes with the selection, so this
 * builds the same request from the same helpers (kpiUrl, granularityParam, httpStatus) with a changing path.
 * Nothing is requested while `groupId()` is undefined.
 */
export function communityDetailReport(groupId: () => string | undefined): KpiReport<CommunityDetail> {
  const context = inject(OrganisationContext);
  const query = computed((): KpiQueryValues => ({
    ...context.filters(),
    granularity: granularityParam(context.param('granularity')),
  }));
  const resource = httpResource<CommunityDetail>(() => {
    const organisation = context.organisation();
    const id = groupId();
    if (!organisation || !id) return undefined;
    return kpiUrl(organisation.id, `communities/${encodeURIComponent(id)}`, query());
  });
  return {
    query,
    exportName: computed(() => kpiExportName(`communities/${groupId() ?? ''}`)),
    value: computed(() => (resource.hasValue() ? resource.value() : undefined)),
    error: computed(() => (resource.error() ? errorMessage(resource.error()) : null)),
    status: computed(() => httpStatus(resource.error())),
    loading: computed(() => resource.isLoading()),
  };
}
