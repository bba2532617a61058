import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { ParticipationReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare } from './format';
import { kpiReport } from './kpi-report';
import {
  hiddenPersonas,
  isEmptyParticipation,
  latestParticipationMix,
  participationChartOption,
  personasChartOption,
} from './participation';

/** Who creates, who contributes and who only reads, per period, against the 90-9-1 rule of thumb. */
@Component({
  selector: 'up-participation-section',
  imports: [ChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './participation-section.component.html',
  styleUrl: './adoption-section.css',
})
export class ParticipationSectionComponent {
  readonly report = kpiReport<ParticipationReport>('participation');
  readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyParticipation(report) : false;
  });
  readonly mix = computed(() => {
    const report = this.report.value();
    return report ? latestParticipationMix(report) : null;
  });
  readonly periodsOption = computed(() => {
    const report = this.report.value();
    return report ? participationChartOption(report) : undefined;
  });
  readonly personasOption = computed(() => {
    const report = this.report.value();
    return report ? personasChartOption(report) : undefined;
  });
  readonly hiddenPersonas = computed(() => {
    const report = this.report.value();
    return report ? hiddenPersonas(report).join(', ') : '';
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;
}
