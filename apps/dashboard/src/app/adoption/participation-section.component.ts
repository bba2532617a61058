import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { ParticipationReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import {
  hiddenPersonas,
  isEmptyParticipation,
  latestParticipationMix,
  participationChartOption,
  personasChartOption,
} from './participation';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** Who creates, who contributes and who only reads, per period, against the 90-9-1 rule of thumb. */
@Component({
  selector: 'up-participation-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './participation-section.component.html',
  styleUrl: './participation-section.component.css',
})
export class ParticipationSectionComponent {
  /** Public: the adoption page shows the range this report used in its filter bar. */
  readonly report = kpiReport<ParticipationReport>('participation');
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyParticipation(report) : false;
  });
  protected readonly mix = computed(() => {
    const report = this.report.value();
    return report ? latestParticipationMix(report) : null;
  });
  protected readonly periodsOption = computed(() => {
    const report = this.report.value();
    return report ? participationChartOption(report) : undefined;
  });
  protected readonly personasOption = computed(() => {
    const report = this.report.value();
    return report ? personasChartOption(report) : undefined;
  });
  protected readonly hiddenPersonas = computed(() => {
    const report = this.report.value();
    return report ? hiddenPersonas(report).join(', ') : '';
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;
}
