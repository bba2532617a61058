import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DifferenceInDifferencesReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { effectChartOption, effectFigures, effectWeekRows, ESTIMATE_LABEL } from './business-case';

/**
 * One measured effect (a goal's phase or an intervention): the sentence, the estimate with its 95% interval,
 * the group sizes, the parallel-trends warning, and the weekly means of both groups as a chart with the start
 * and the interventions marked, with the same weeks as a table for screen readers. Used by goal cards and the
 * interventions log alike, so both read the same.
 */
@Component({
  selector: 'up-effect',
  imports: [ChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './effect.component.html',
  styleUrl: './effect.component.css',
})
export class EffectComponent {
  readonly effect = input.required<DifferenceInDifferencesReport>();
  readonly sentence = input.required<string>();
  readonly metric = input.required<string>();
  /** The comparison asked for (words when the report does not name its kind). */
  readonly comparison = input<string | undefined>(undefined);
  readonly treatedName = input($localize`:@@businessCase.effect.treated:Treated`);
  readonly testId = input('effect');

  protected readonly label = ESTIMATE_LABEL;
  protected readonly figures = computed(() => effectFigures(this.effect(), this.comparison()));
  protected readonly chartLabel = computed(
    () =>
      $localize`:@@businessCase.effect.chartLabel:Weekly mean of ${this.treatedName()}:treated: and ${this.figures().comparison}:comparison:, start marked`,
  );
  protected readonly weeks = computed(() => effectWeekRows(this.effect()));
  protected readonly chart = computed(() => {
    const effect = this.effect();
    if (effect.weeks.length === 0) return undefined;
    return effectChartOption(
      effect,
      { treated: this.treatedName(), comparison: this.figures().comparison },
      this.metric(),
    );
  });
}
