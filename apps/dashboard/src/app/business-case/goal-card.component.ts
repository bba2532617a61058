import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type { BusinessCaseGoal, EffectComparison } from '@uptake/contracts';
import { BusinessCaseApi } from '../api/business-case-api';
import type { FieldMessages } from '../shared/field-errors';
import { formatDay } from '../shared/format';
import { baselineText, goalMetric, goalSentence } from './business-case';
import { EFFECT_METRIC_OPTIONS } from './effect-sentence';
import { EffectComponent } from './effect.component';
import {
  fieldError,
  measurementBody,
  measurementDraft,
  MEASUREMENT_FIELDS,
  serverFieldErrors,
  type MeasurementDraft,
  type MeasurementField,
} from './forms';

/** A phase the measurement form can pick. */
export interface PhaseOption {
  id: string;
  name: string;
}

export const COMPARISON_OPTIONS: { value: EffectComparison; label: string }[] = [
  { value: 'phase', label: $localize`:@@businessCase.comparison.phase:The phase’s comparison group` },
  {
    value: 'rest-of-organisation',
    label: $localize`:@@businessCase.comparison.rest:The rest of the organisation`,
  },
  {
    value: 'matched',
    label: $localize`:@@businessCase.comparison.matched:Matched colleagues (same kind of unit, level, location, activity)`,
  },
];

/**
 * One goal of the business case: its measured effect in a sentence and in figures, the frozen baseline, and
 * for admins and change managers the measurement form (which phase, metric, comparison, windows and value
 * assumptions) and "Freeze baseline". Saving tells the page, which loads the report again.
 */
@Component({
  selector: 'up-goal-card',
  imports: [EffectComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './goal-card.component.html',
  styleUrl: './goal-card.component.css',
})
export class GoalCardComponent {
  private readonly api = inject(BusinessCaseApi);
  readonly goal = input.required<BusinessCaseGoal>();
  readonly organisationId = input.required<string>();
  readonly planId = input<string | undefined>(undefined);
  readonly phases = input<PhaseOption[]>([]);
  readonly canEdit = input(false);
  readonly minGroupSize = input(5);
  readonly changed = output<void>();

  protected readonly metricOptions = EFFECT_METRIC_OPTIONS;
  protected readonly comparisonOptions = COMPARISON_OPTIONS;
  protected readonly formatDay = formatDay;
  protected readonly phaseWord = $localize`:@@businessCase.goalCard.phaseWord:Phase`;
  protected readonly sentence = computed(() => goalSentence(this.goal()));
  protected readonly metric = computed(() => goalMetric(this.goal()));
  protected readonly baseline = computed(() => baselineText(this.goal(), this.minGroupSize()));

  protected readonly editing = signal(false);
  protected readonly draft = linkedSignal<MeasurementDraft>(() =>
    measurementDraft(this.goal(), this.phases()[0]?.id),
  );
  protected readonly clientErrors = signal<Partial<Record<MeasurementField, string>>>({});
  protected readonly serverErrors = signal<FieldMessages<MeasurementField> | null>(null);
  protected readonly busy = signal(false);
  protected readonly baselineBusy = signal(false);
  protected readonly baselineError = signal<string | null>(null);
  /** What the freeze button says: freezing, freezing again over a frozen baseline, or a first freeze. */
  protected readonly baselineState = computed(() => {
    if (this.baselineBusy()) return 'busy';
    return this.goal().baseline ? 'again' : 'first';
  });

  protected error(field: MeasurementField): string | null {
    return fieldError(field, this.clientErrors(), this.serverErrors());
  }

  protected patch(changes: Partial<MeasurementDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...changes }));
  }

  protected save(event: Event): void {
    event.preventDefault();
    const planId = this.planId();
    if (!planId) return;
    const { body, errors } = measurementBody(this.draft(), planId);
    this.clientErrors.set(errors);
    this.serverErrors.set(null);
    if (!body) return;
    this.busy.set(true);
    this.api.putMeasurement(this.organisationId(), this.goal().goalId, body).subscribe({
      next: () => {
        this.busy.set(false);
        this.editing.set(false);
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.serverErrors.set(serverFieldErrors(error, MEASUREMENT_FIELDS));
      },
    });
  }

  protected freezeBaseline(): void {
    this.baselineBusy.set(true);
    this.baselineError.set(null);
    this.api.freezeBaseline(this.organisationId(), this.goal().goalId).subscribe({
      next: () => {
        this.baselineBusy.set(false);
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.baselineBusy.set(false);
        this.baselineError.set(serverFieldErrors(error, []).other.join('; '));
      },
    });
  }
}
