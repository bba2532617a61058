import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import {
  CRITERION_METRIC_KEYS,
  EFFECT_COMPARISONS,
  GOAL_KPI_KEYS,
  MEASURED_EFFECT,
  type CriterionMetric,
  type EffectComparison,
  type EffectCriterion,
  type GroupView,
  type OrgUnitView,
  type RolloutPhaseView,
  type RolloutPlanView,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { defaultOperator, describeCriterion, inputUnit, metricLabel, thresholdFromInput } from './gates';
import {
  draftFromPhase,
  newCriterionDraft,
  numberOrNull,
  phaseBody,
  type CriterionDraft,
  type PhaseDraft,
  type TargetDraft,
} from './phase-draft';
import { errorMessages, RolloutApi } from './rollout-api';
import { TargetEditorComponent } from './target-editor.component';

/**
 * Adds or changes a phase: name, planned dates, target population, comparison group and gate criteria
 * (thresholds of shares typed in %). The API's validation messages are listed beside the form.
 */
@Component({
  selector: 'up-phase-editor',
  imports: [TargetEditorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './phase-editor.component.html',
  styleUrl: './phase-editor.component.css',
})
export class PhaseEditorComponent {
  private readonly api = inject(RolloutApi);
  readonly organisationId = input.required<string>();
  readonly planId = input.required<string>();
  /** null: a new phase. */
  readonly phase = input.required<RolloutPhaseView | null>();
  readonly saved = output<RolloutPlanView>();
  readonly deleted = output<void>();
  readonly cancelled = output<void>();

  protected readonly metrics = CRITERION_METRIC_KEYS.map((key) => ({ key, label: metricLabel(key) }));
  /** What a measured effect can be measured on: the goal KPIs and the imported e-mail figures. */
  protected readonly effectMetrics = [...GOAL_KPI_KEYS, 'usage:email.sent', 'usage:email.read'];
  protected readonly effectComparisons = EFFECT_COMPARISONS;
  protected readonly measuredEffect = MEASURED_EFFECT;
  protected readonly inputUnit = inputUnit;

  /** Who a measured effect is compared with, as the select names it. */
  protected effectComparisonName(comparison: EffectComparison): string {
    switch (comparison) {
      case 'phase':
        return $localize`:@@rollout.effectComparison.phase:the phase's comparison`;
      case 'rest-of-organisation':
        return $localize`:@@rollout.effectComparison.rest:rest of the organisation`;
      case 'matched':
        return $localize`:@@rollout.effectComparison.matched:matched colleagues`;
    }
  }

  /** Starts from the phase and keeps the user's edits while the same phase is refreshed (e.g. evaluated). */
  protected readonly draft = linkedSignal<string | null, PhaseDraft>({
    source: () => this.phase()?.id ?? null,
    computation: () => draftFromPhase(untracked(() => this.phase())),
  });
  protected readonly errors = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly confirmingDelete = signal(false);

  protected readonly orgUnits = httpResource<OrgUnitView[]>(() =>
    RolloutApi.orgUnitsUrl(this.organisationId()),
  );
  protected readonly groups = httpResource<GroupView[]>(() => RolloutApi.groupsUrl(this.organisationId()));
  protected readonly orgUnitList = computed(() => (this.orgUnits.hasValue() ? this.orgUnits.value() : []));
  protected readonly groupList = computed(() => (this.groups.hasValue() ? this.groups.value() : []));
  protected readonly directoryError = computed(() => {
    const error = this.orgUnits.error() ?? this.groups.error();
    return error ? errorMessage(error) : null;
  });

  protected update(changes: Partial<PhaseDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...changes }));
  }

  protected setTarget(target: TargetDraft): void {
    this.update({ target });
  }

  protected setComparison(comparison: TargetDraft): void {
    this.update({ comparison });
  }

  protected setCriterion(index: number, changes: Partial<CriterionDraft>): void {
    this.draft.update((draft) => ({
      ...draft,
      gateCriteria: draft.gateCriteria.map((criterion, i) =>
        i === index ? { ...criterion, ...changes } : criterion,
      ),
    }));
  }

  /**
   * A new metric brings its usual direction (at least for rates, at most for delays and churn); a measured
   * effect brings its own part (e-mails sent, against the phase's comparison, interval excluding 0) and is
   * one estimate, so one "week".
   */
  protected setMetric(index: number, metric: CriterionMetric): void {
    const effect: EffectCriterion | undefined =
      metric === MEASURED_EFFECT
        ? { metric: 'usage:email.sent', comparison: 'phase', preWeeks: 8, requireSignificant: true }
        : undefined;
    this.setCriterion(index, {
      metric,
      operator: defaultOperator(metric),
      effect,
      ...(effect ? { consecutiveWeeks: 1 } : {}),
    });
  }

  protected setEffect(index: number, criterion: CriterionDraft, changes: Partial<EffectCriterion>): void {
    if (!criterion.effect) return;
    this.setCriterion(index, { effect: { ...criterion.effect, ...changes } });
  }

  protected parseNumber(text: string): number | null {
    return numberOrNull(text);
  }

  protected addCriterion(): void {
    this.draft.update((draft) => ({ ...draft, gateCriteria: [...draft.gateCriteria, newCriterionDraft()] }));
  }

  protected removeCriterion(index: number): void {
    this.draft.update((draft) => ({
      ...draft,
      gateCriteria: draft.gateCriteria.filter((_, i) => i !== index),
    }));
  }

  /** The criterion read back as a sentence, so a mistyped threshold (4 instead of 40%) stands out. */
  protected preview(criterion: CriterionDraft): string | null {
    if (criterion.threshold === null || criterion.consecutiveWeeks === null) return null;
    return describeCriterion({
      metric: criterion.metric,
      operator: criterion.operator,
      threshold: thresholdFromInput(criterion.metric, criterion.threshold),
      consecutiveWeeks: criterion.consecutiveWeeks,
      effect: criterion.effect,
    });
  }

  protected save(): void {
    const body = phaseBody(this.draft());
    const phase = this.phase();
    this.busy.set(true);
    this.errors.set([]);
    const request = phase
      ? this.api.updatePhase(this.organisationId(), this.planId(), phase.id, body)
      : this.api.addPhase(this.organisationId(), this.planId(), body);
    request.subscribe({
      next: (plan) => {
        this.busy.set(false);
        this.saved.emit(plan);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(errorMessages(error, errorMessage));
      },
    });
  }

  protected remove(): void {
    const phase = this.phase();
    if (!phase) return;
    this.busy.set(true);
    this.api.deletePhase(this.organisationId(), this.planId(), phase.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.deleted.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.confirmingDelete.set(false);
        this.errors.set(errorMessages(error, errorMessage));
      },
    });
  }
}
