import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AdvanceRequest,
  CreatePlanRequest,
  RolloutPlanStatus,
  RolloutPlanView,
} from '@uptake/contracts';
import type { Observable } from 'rxjs';
import type { PhaseBody } from './phase-draft';

/** The form's plan: always a template chosen, no pilot target (the pilot is edited as a phase). */
export type CreatePlanBody = Required<Pick<CreatePlanRequest, 'name' | 'template'>> &
  Pick<CreatePlanRequest, 'startDate'>;

/** URLs and writes of the rollout endpoints (/api/organisations/:org/rollouts…); GETs go through httpResource. */
@Injectable({ providedIn: 'root' })
export class RolloutApi {
  private readonly http = inject(HttpClient);

  static organisationUrl(organisationId: string): string {
    return `/api/organisations/${encodeURIComponent(organisationId)}`;
  }

  static plansUrl(organisationId: string): string {
    return `${RolloutApi.organisationUrl(organisationId)}/rollouts`;
  }

  static planUrl(organisationId: string, planId: string): string {
    return `${RolloutApi.plansUrl(organisationId)}/${encodeURIComponent(planId)}`;
  }

  static phaseUrl(organisationId: string, planId: string, phaseId: string): string {
    return `${RolloutApi.planUrl(organisationId, planId)}/phases/${encodeURIComponent(phaseId)}`;
  }

  static transitionsUrl(organisationId: string, planId: string): string {
    return `${RolloutApi.planUrl(organisationId, planId)}/transitions`;
  }

  static evaluationsUrl(organisationId: string, planId: string, phaseId: string): string {
    return `${RolloutApi.phaseUrl(organisationId, planId, phaseId)}/evaluations?limit=20`;
  }

  static comparisonUrl(
    organisationId: string,
    planId: string,
    phaseId: string,
    range: { from?: string; to?: string },
  ): string {
    const query = new URLSearchParams(
      Object.entries(range).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    const suffix = query.size > 0 ? `?${query}` : '';
    return `${RolloutApi.phaseUrl(organisationId, planId, phaseId)}/comparison${suffix}`;
  }

  static governanceUrl(organisationId: string): string {
    return `${RolloutApi.organisationUrl(organisationId)}/governance`;
  }

  static orgUnitsUrl(organisationId: string): string {
    return `${RolloutApi.organisationUrl(organisationId)}/org-units`;
  }

  static groupsUrl(organisationId: string): string {
    return `${RolloutApi.organisationUrl(organisationId)}/groups`;
  }

  getPlan(organisationId: string, planId: string): Observable<RolloutPlanView> {
    return this.http.get<RolloutPlanView>(RolloutApi.planUrl(organisationId, planId));
  }

  createPlan(organisationId: string, body: CreatePlanBody): Observable<RolloutPlanView> {
    return this.http.post<RolloutPlanView>(RolloutApi.plansUrl(organisationId), body);
  }

  updatePlan(
    organisationId: string,
    planId: string,
    body: { name?: string; status?: RolloutPlanStatus },
  ): Observable<RolloutPlanView> {
    return this.http.patch<RolloutPlanView>(RolloutApi.planUrl(organisationId, planId), body);
  }

  addPhase(organisationId: string, planId: string, body: PhaseBody): Observable<RolloutPlanView> {
    return this.http.post<RolloutPlanView>(`${RolloutApi.planUrl(organisationId, planId)}/phases`, body);
  }

  updatePhase(
    organisationId: string,
    planId: string,
    phaseId: string,
    body: PhaseBody,
  ): Observable<RolloutPlanView> {
    return this.http.put<RolloutPlanView>(RolloutApi.phaseUrl(organisationId, planId, phaseId), body);
  }

  deletePhase(organisationId: string, planId: string, phaseId: string): Observable<unknown> {
    return this.http.delete(RolloutApi.phaseUrl(organisationId, planId, phaseId));
  }

  evaluate(organisationId: string, planId: string): Observable<{ queued: boolean }> {
    return this.http.post<{ queued: boolean }>(`${RolloutApi.planUrl(organisationId, planId)}/evaluate`, {});
  }

  advance(organisationId: string, planId: string, body: AdvanceRequest): Observable<RolloutPlanView> {
    return this.http.post<RolloutPlanView>(`${RolloutApi.planUrl(organisationId, planId)}/advance`, body);
  }
}

/** A 400's messages as a list (the API sends one per problem, each naming its field). */
export function errorMessages(error: unknown, fallback: (error: unknown) => string): string[] {
  const body = (error as { error?: { message?: unknown } } | null)?.error;
  const message = body && typeof body === 'object' ? body.message : undefined;
  if (Array.isArray(message) && message.every((item) => typeof item === 'string')) return message as string[];
  return [fallback(error)];
}
