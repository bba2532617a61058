import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { CriterionEvaluation, GateCriterion, GateEvaluation, RolloutPhaseView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { gateExplanation } from '../shared/server-text';
import { ChartComponent } from '../charts/chart.component';
import {
  describeCriterion,
  forecastText,
  formatMetricValue,
  gateStatusLook,
  metricLabel,
  OPERATOR_SYMBOLS,
  suppressedText,
} from './gates';
import { RolloutApi } from './rollout-api';
import { evidenceChartOption } from './rollout-charts';

/**
 * One phase's gate: the criteria with their latest evaluation (value, weeks met, status, forecast, why),
 * weekly evidence per criterion on demand, "Evaluate now" and the evaluation history.
 */
@Component({
  selector: 'up-phase-gate',
  imports: [ChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './phase-gate.component.html',
  styleUrl: './phase-gate.component.css',
})
export class PhaseGateComponent {
  readonly organisationId = input.required<string>();
  readonly planId = input.required<string>();
  readonly phase = input.required<RolloutPhaseView>();
  /** Requests follow the phase's id, not the object (which is replaced whenever the plan is refreshed). */
  private readonly phaseId = computed(() => this.phase().id);
  readonly evaluating = input(false);
  readonly evaluateMessage = input<string | null>(null);
  readonly evaluate = output<void>();
  readonly edit = output<void>();

  protected readonly gateLook = gateStatusLook;
  protected readonly metricLabel = metricLabel;
  protected readonly operators = OPERATOR_SYMBOLS;
  protected readonly formatValue = formatMetricValue;
  protected readonly forecastText = forecastText;
  protected readonly suppressedText = suppressedText;
  protected readonly describe = describeCriterion;
  /** Why the criterion has its status, in the page's language (shared/server-text.ts). */
  protected readonly explain = gateExplanation;

  /** Criteria whose weekly evidence is unfolded. */
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

  protected readonly evaluation = computed(() => this.phase().latestEvaluation);
  /** Every criterion of the phase, with its evaluation when the latest one covered it. */
  protected readonly rows = computed(() => {
    const evaluation = this.evaluation();
    return this.phase().gateCriteria.map((criterion) => {
      const result = evaluation?.criteria.find((item) => item.criterionId === criterion.id);
      return { criterion, result, chart: result ? evidenceChartOption(result) : undefined };
    });
  });

  protected readonly history = httpResource<GateEvaluation[]>(() =>
    RolloutApi.evaluationsUrl(this.organisationId(), this.planId(), this.phaseId()),
  );
  protected readonly historyError = computed(() =>
    this.history.error() ? errorMessage(this.history.error()) : null,
  );
  /** Oldest first, so the strip reads left to right like a timeline. */
  protected readonly historyList = computed(() =>
    this.history.hasValue() ? [...this.history.value()].reverse() : [],
  );

  constructor() {
    // A new evaluation of this phase (after "Evaluate now" or a worker run) also belongs in the history.
    let seen: string | undefined;
    effect(() => {
      const key = `${this.phase().id}:${this.evaluation()?.id ?? ''}`;
      if (seen !== undefined && seen !== key && seen.split(':')[0] === this.phaseId()) {
        untracked(() => this.history.reload());
      }
      seen = key;
    });
  }

  protected toggle(criterionId: string): void {
    this.expanded.update((current) => {
      const next = new Set(current);
      if (next.has(criterionId)) next.delete(criterionId);
      else next.add(criterionId);
      return next;
    });
  }

  protected weeksText(result: CriterionEvaluation): string {
    const met = result.weeksMet;
    const needed = result.consecutiveWeeks;
    return $localize`:@@rollout.gate.weeksMet:${met}:met: of ${needed}:needed:`;
  }

  /** "2026-03-02 09:00": the evaluation's instant to the minute, as the API stamped it (UTC). */
  protected stamp(instant: string): string {
    return instant.slice(0, 16).replace('T', ' ');
  }

  /** What started an evaluation. */
  protected triggerName(trigger: GateEvaluation['trigger']): string {
    switch (trigger) {
      case 'schedule':
        return $localize`:@@rollout.trigger.schedule:schedule`;
      case 'ingest':
        return $localize`:@@rollout.trigger.ingest:ingest`;
      case 'manual':
        return $localize`:@@rollout.trigger.manual:manual`;
      case 'change':
        return $localize`:@@rollout.trigger.change:change`;
      default:
        return trigger;
    }
  }

  protected fewerThan(minGroupSize: number): string {
    return $localize`:@@rollout.gate.fewerThan:fewer than ${minGroupSize}:k: people`;
  }

  protected evidenceLabel(criterion: GateCriterion): string {
    const rule = describeCriterion(criterion);
    return $localize`:@@rollout.gate.evidenceChart:Weekly evidence: ${rule}:rule:`;
  }
}
