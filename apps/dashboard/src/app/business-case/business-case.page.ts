import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import type { BusinessCaseReport, RolloutPlanView } from '@uptake/contracts';
import { BusinessCaseApi } from '../api/business-case-api';
import { errorMessage } from '../api/uptake-api.service';
import { InterventionLogComponent } from '../interventions/intervention-log.component';
import { RolloutApi } from '../rollout/rollout-api';
import { phasesInOrder } from '../rollout/timeline';
import type { FieldMessages } from '../shared/field-errors';
import { OrganisationContext } from '../shell/organisation-context';
import {
  costRows,
  ESTIMATE_LABEL,
  headlineFigures,
  headlineProblem,
  headlineView,
  METHOD_NOTE,
} from './business-case';
import {
  COST_BOUNDS,
  COST_FIELDS,
  costBody,
  costDraft,
  fieldError,
  serverFieldErrors,
  type CostDraft,
  type CostField,
} from './forms';
import { GoalCardComponent, type PhaseOption } from './goal-card.component';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** Roles that change the business case (the API enforces it; this only hides controls). */
const EDITORS = new Set(['admin', 'change_manager']);

/**
 * The measured business case: what the programme is worth so far and a year (with the p10–p90 range), its
 * ROI and payback against the programme cost, one card per goal with its measured effect in a plain sentence,
 * and the interventions log. Every figure is an observational estimate (the groups were not randomised).
 * The plan is the URL's ?plan=, else the API's default (the active plan).
 */
@Component({
  selector: 'up-business-case-page',
  imports: [GoalCardComponent, InterventionLogComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './business-case.page.html',
  styleUrl: './business-case.page.css',
})
export class BusinessCasePage {
  private readonly api = inject(BusinessCaseApi);
  protected readonly context = inject(OrganisationContext);
  protected readonly organisationId = computed(() => this.context.organisation()?.id);
  protected readonly canEdit = computed(() => EDITORS.has(this.context.role() ?? ''));
  protected readonly k = computed(() => this.context.organisation()?.minGroupSize ?? 5);
  protected readonly estimateLabel = ESTIMATE_LABEL;
  protected readonly methodNote = METHOD_NOTE;

  protected readonly resource = httpResource<BusinessCaseReport>(() => {
    const organisationId = this.organisationId();
    return organisationId ? BusinessCaseApi.reportUrl(organisationId, this.context.param('plan')) : undefined;
  });
  protected readonly report = computed(() => (this.resource.hasValue() ? this.resource.value() : undefined));
  protected readonly error = computed(() =>
    this.resource.error() ? errorMessage(this.resource.error()) : null,
  );
  protected readonly headlineFigures = headlineFigures;
  protected readonly headline = computed(() => {
    const report = this.report();
    return report ? headlineView(report) : null;
  });
  protected readonly problem = computed(() => {
    const report = this.report();
    return report ? headlineProblem(report) : '';
  });
  protected readonly costs = computed(() => {
    const report = this.report();
    const currency = report?.currency ?? report?.goals.find((goal) => goal.value)?.value?.currency;
    return report?.costBreakdown && currency ? costRows(report.costBreakdown, currency) : [];
  });
  /** Some effect withholds figures resting on 1..k−1 people. */
  protected readonly suppressed = computed(() =>
    (this.report()?.goals ?? []).some((goal) => goal.effect?.suppressed),
  );

  /** The plan's phases for the measurement form (editors only). */
  private readonly plan = httpResource<RolloutPlanView>(() => {
    const organisationId = this.organisationId();
    const planId = this.report()?.plan?.id;
    return organisationId && planId && this.canEdit()
      ? RolloutApi.planUrl(organisationId, planId)
      : undefined;
  });
  protected readonly phases = computed((): PhaseOption[] =>
    this.plan.hasValue() ? phasesInOrder(this.plan.value()).map(({ id, name }) => ({ id, name })) : [],
  );

  // The programme cost form.
  protected readonly costFields = COST_FIELDS;
  protected readonly costBounds = COST_BOUNDS;
  protected readonly editingCost = signal(false);
  protected readonly cost = linkedSignal<CostDraft>(() => costDraft(this.report()?.cost ?? null));
  protected readonly costClientErrors = signal<Partial<Record<CostField, string>>>({});
  protected readonly costServerErrors = signal<FieldMessages<CostField> | null>(null);
  protected readonly costBusy = signal(false);

  protected reload(): void {
    this.resource.reload();
  }

  protected costError(field: CostField): string | null {
    return fieldError(field, this.costClientErrors(), this.costServerErrors());
  }

  protected patchCost(field: CostField, value: string): void {
    this.cost.update((draft) => ({ ...draft, [field]: value }));
  }

  protected saveCost(event: Event): void {
    event.preventDefault();
    const organisationId = this.organisationId();
    const planId = this.report()?.plan?.id;
    if (!organisationId || !planId) return;
    const { body, errors } = costBody(this.cost());
    this.costClientErrors.set(errors);
    this.costServerErrors.set(null);
    if (!body) return;
    this.costBusy.set(true);
    this.api.putProgrammeCost(organisationId, planId, body).subscribe({
      next: () => {
        this.costBusy.set(false);
        this.editingCost.set(false);
        this.reload();
      },
      error: (error: unknown) => {
        this.costBusy.set(false);
        this.costServerErrors.set(serverFieldErrors(error, COST_FIELDS));
      },
    });
  }
}
