import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  EffectComparison,
  FreezeBaselineRequest,
  GoalBaselineView,
  GoalMeasurementRequest,
  InterventionRequest,
  InterventionView,
  ProgrammeCost,
  ProgrammeCostView,
} from '@uptake/contracts';
import type { Observable } from 'rxjs';

/** What an effect is asked for (GET …/effect and …/effects): the contract's EffectQuery, as sent. */
export interface EffectParams {
  metric: string;
  comparison?: EffectComparison;
  preWeeks?: number;
  postWeeks?: number;
}

const org = (organisationId: string) => `/api/organisations/${encodeURIComponent(organisationId)}`;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return params.size > 0 ? `?${params}` : '';
}

/**
 * The measured business case over the API (business-case-api.ts of the contracts): the report, interventions,
 * effects, a goal's measurement and baseline, the programme cost. URLs are static so pages can load them with
 * httpResource; writes return Observables.
 */
@Injectable({ providedIn: 'root' })
export class BusinessCaseApi {
  private readonly http = inject(HttpClient);

  static reportUrl(organisationId: string, planId?: string): string {
    return `${org(organisationId)}/business-case${query({ planId })}`;
  }

  static interventionsUrl(organisationId: string): string {
    return `${org(organisationId)}/interventions`;
  }

  static interventionUrl(organisationId: string, interventionId: string): string {
    return `${BusinessCaseApi.interventionsUrl(organisationId)}/${encodeURIComponent(interventionId)}`;
  }

  static interventionEffectUrl(organisationId: string, interventionId: string, params: EffectParams): string {
    return `${BusinessCaseApi.interventionUrl(organisationId, interventionId)}/effect${query({ ...params })}`;
  }

  static phaseEffectsUrl(
    organisationId: string,
    planId: string,
    phaseId: string,
    params: EffectParams,
  ): string {
    const phase = `${org(organisationId)}/rollouts/${encodeURIComponent(planId)}/phases/${encodeURIComponent(phaseId)}`;
    return `${phase}/effects${query({ ...params })}`;
  }

  static goalUrl(organisationId: string, goalId: string): string {
    return `${org(organisationId)}/goals/${encodeURIComponent(goalId)}`;
  }

  static programmeCostUrl(organisationId: string, planId: string): string {
    return `${org(organisationId)}/rollouts/${encodeURIComponent(planId)}/programme-cost`;
  }

  createIntervention(organisationId: string, body: InterventionRequest): Observable<InterventionView> {
    return this.http.post<InterventionView>(BusinessCaseApi.interventionsUrl(organisationId), body);
  }

  updateIntervention(
    organisationId: string,
    interventionId: string,
    body: InterventionRequest,
  ): Observable<InterventionView> {
    return this.http.put<InterventionView>(
      BusinessCaseApi.interventionUrl(organisationId, interventionId),
      body,
    );
  }

  deleteIntervention(organisationId: string, interventionId: string): Observable<unknown> {
    return this.http.delete(BusinessCaseApi.interventionUrl(organisationId, interventionId));
  }

  putMeasurement(organisationId: string, goalId: string, body: GoalMeasurementRequest): Observable<unknown> {
    return this.http.put(`${BusinessCaseApi.goalUrl(organisationId, goalId)}/measurement`, body);
  }

  deleteMeasurement(organisationId: string, goalId: string): Observable<unknown> {
    return this.http.delete(`${BusinessCaseApi.goalUrl(organisationId, goalId)}/measurement`);
  }

  freezeBaseline(
    organisationId: string,
    goalId: string,
    body: FreezeBaselineRequest = {},
  ): Observable<GoalBaselineView> {
    return this.http.post<GoalBaselineView>(
      `${BusinessCaseApi.goalUrl(organisationId, goalId)}/baseline`,
      body,
    );
  }

  deleteBaseline(organisationId: string, goalId: string): Observable<unknown> {
    return this.http.delete(`${BusinessCaseApi.goalUrl(organisationId, goalId)}/baseline`);
  }

  putProgrammeCost(
    organisationId: string,
    planId: string,
    body: ProgrammeCost,
  ): Observable<ProgrammeCostView> {
    return this.http.put<ProgrammeCostView>(BusinessCaseApi.programmeCostUrl(organisationId, planId), body);
  }
}
