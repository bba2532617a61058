import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { EngagementReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import {
  engagementRatesOption,
  isEmptyEngagement,
  latestEngagement,
  responsivenessOption,
} from './engagement';
import { formatCount, formatWaitingTime, formatRatio, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** How much active people post, reply and react, and whether threads get answered, and how fast. */
@Component({
  selector: 'up-engagement-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './engagement-section.component.html',
  styleUrl: './engagement-section.component.css',
})
export class EngagementSectionComponent {
  protected readonly report = kpiReport<EngagementReport>('engagement');
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyEngagement(report) : false;
  });
  protected readonly latest = computed(() => {
    const report = this.report.value();
    return report ? latestEngagement(report) : null;
  });
  protected readonly ratesOption = computed(() => {
    const report = this.report.value();
    return report ? engagementRatesOption(report) : undefined;
  });
  protected readonly responsivenessOption = computed(() => {
    const report = this.report.value();
    return report ? responsivenessOption(report) : undefined;
  });

  protected readonly ratio = formatRatio;
  protected readonly share = formatShare;
  protected readonly hours = formatWaitingTime;
  protected readonly count = formatCount;
}
