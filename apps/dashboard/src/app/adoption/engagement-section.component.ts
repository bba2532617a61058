import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { EngagementReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import {
  engagementRatesOption,
  isEmptyEngagement,
  latestEngagement,
  responsivenessOption,
} from './engagement';
import { formatCount, formatHours, formatRatio, formatShare } from './format';
import { kpiReport } from './kpi-report';

/** How much active people post, reply and react, and whether threads get answered, and how fast. */
@Component({
  selector: 'up-engagement-section',
  imports: [ChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './engagement-section.component.html',
  styleUrl: './adoption-section.css',
})
export class EngagementSectionComponent {
  readonly report = kpiReport<EngagementReport>('engagement');
  readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyEngagement(report) : false;
  });
  readonly latest = computed(() => {
    const report = this.report.value();
    return report ? latestEngagement(report) : null;
  });
  readonly ratesOption = computed(() => {
    const report = this.report.value();
    return report ? engagementRatesOption(report) : undefined;
  });
  readonly responsivenessOption = computed(() => {
    const report = this.report.value();
    return report ? responsivenessOption(report) : undefined;
  });

  protected readonly ratio = formatRatio;
  protected readonly share = formatShare;
  protected readonly hours = formatHours;
  protected readonly count = formatCount;
}
