import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { DifferenceInDifferencesReport, InterventionView } from '@uptake/contracts';
import { BusinessCaseApi } from '../api/business-case-api';
import { errorMessage } from '../api/uptake-api.service';
import { EFFECT_METRIC_OPTIONS, effectSentence, interventionLead } from '../business-case/effect-sentence';
import { EffectComponent } from '../business-case/effect.component';

/** The metric an intervention's effect starts with: e-mails sent, the demo's and most M365 tenants' report. */
export const DEFAULT_INTERVENTION_METRIC = 'usage:email.sent';

/**
 * The before/after effect of one intervention (its target vs the rest, before vs after its week) on a metric
 * picked here, shown with the same effect component as the goals.
 */
@Component({
  selector: 'up-intervention-effect',
  imports: [EffectComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="intervention-effect" data-testid="intervention-effect" [attr.aria-label]="ariaLabel()">
      <label class="field metric">
        <span i18n="@@interventions.effect.metric">Metric</span>
        <select data-testid="intervention-effect-metric" (change)="metric.set($any($event.target).value)">
          @for (option of metricOptions; track option.value) {
            <option [value]="option.value" [selected]="option.value === metric()">{{ option.label }}</option>
          }
        </select>
      </label>
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="intervention-effect-error">{{ message }}</p>
      } @else if (effect(); as report) {
        <up-effect
          [effect]="report"
          [sentence]="sentence()"
          [metric]="metric()"
          [treatedName]="treatedName()"
          testId="intervention-effect-report"
        />
      } @else {
        <p class="muted" data-testid="intervention-effect-loading" i18n="@@interventions.effect.loading">
          Measuring the effect…
        </p>
      }
    </section>
  `,
  styles: `
    .intervention-effect {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem 0;
    }
    .metric {
      max-width: 20rem;
    }
  `,
})
export class InterventionEffectComponent {
  readonly intervention = input.required<InterventionView>();
  readonly organisationId = input.required<string>();
  protected readonly metricOptions = EFFECT_METRIC_OPTIONS;
  protected readonly metric = signal(DEFAULT_INTERVENTION_METRIC);
  protected readonly ariaLabel = computed(
    () => $localize`:@@interventions.effect.ariaLabel:Effect of ${this.intervention().title}:title:`,
  );
  protected readonly treatedName = computed(
    () => $localize`:@@interventions.effect.treatedName:Target of ${this.intervention().title}:title:`,
  );

  private readonly resource = httpResource<DifferenceInDifferencesReport>(() =>
    BusinessCaseApi.interventionEffectUrl(this.organisationId(), this.intervention().id, {
      metric: this.metric(),
    }),
  );
  protected readonly effect = computed(() => (this.resource.hasValue() ? this.resource.value() : undefined));
  protected readonly error = computed(() =>
    this.resource.error() ? errorMessage(this.resource.error()) : null,
  );
  protected readonly sentence = computed(() => {
    const effect = this.effect();
    return effect
      ? effectSentence({ lead: interventionLead(this.intervention().title), metric: this.metric(), effect })
      : '';
  });
}
