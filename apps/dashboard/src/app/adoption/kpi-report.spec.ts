import { HttpErrorResponse } from '@angular/common/http';
import { granularityParam, httpStatus, kpiUrl } from './kpi-report';

describe('KPI report URLs', () => {
  it('puts the filters in the query and leaves empty ones out', () => {
    expect(
      kpiUrl('org-1', 'retention', {
        from: '2026-04-01',
        to: undefined,
        orgUnitId: 'unit-9',
        groupId: '',
        granularity: 'week',
        silentWeeks: 4,
      }),
    ).toBe(
      '/api/organisations/org-1/kpis/retention?from=2026-04-01&orgUnitId=unit-9&granularity=week&silentWeeks=4',
    );
  });

  it('has no query string without filters', () => {
    expect(kpiUrl('org 1', 'network/people')).toBe('/api/organisations/org%201/kpis/network/people');
  });

  it('accepts only the granularities the API knows', () => {
    expect(granularityParam('month')).toBe('month');
    expect(granularityParam('year')).toBeUndefined();
    expect(granularityParam(undefined)).toBeUndefined();
  });

  it('finds the HTTP status of a failed request, also when wrapped', () => {
    const forbidden = new HttpErrorResponse({ status: 403 });
    expect(httpStatus(forbidden)).toBe(403);
    expect(httpStatus(new Error('failed', { cause: forbidden }))).toBe(403);
    expect(httpStatus(new Error('offline'))).toBeNull();
    expect(httpStatus(undefined)).toBeNull();
  });
});
