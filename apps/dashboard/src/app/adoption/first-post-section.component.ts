import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { FirstPostReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare, withheldFigures } from '../shared/format';
import {
  FIRST_POST_RESPONSE_HOURS,
  answeredByWeekOption,
  differenceInterval,
  differenceText,
  differenceVerdict,
  isEmptyFirstPost,
  rateText,
  retentionComparisonOption,
  retentionRows,
} from './first-post';
import { kpiReport } from './kpi-report';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * "Found nobody, stopped": whether newcomers whose first post was answered within 24 hours stay more than
 * those whose first post was not, and the share of first posts answered in time as the leading indicator.
 */
@Component({
  selector: 'up-first-post-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './first-post-section.component.html',
  styleUrl: './first-post-section.component.css',
})
export class FirstPostSectionComponent {
  protected readonly report = kpiReport<FirstPostReport>('first-post', () => ({
    responseHours: FIRST_POST_RESPONSE_HOURS,
  }));
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyFirstPost(report) : false;
  });
  protected readonly rows = computed(() => {
    const report = this.report.value();
    return report ? retentionRows(report) : [];
  });
  protected readonly differences = computed(() => {
    const report = this.report.value();
    if (!report) return [];
    return [
      { weeks: 4, figures: report.difference4Weeks },
      { weeks: 8, figures: report.difference8Weeks },
    ].map((d) => ({
      weeks: d.weeks,
      hidden: d.figures.difference === null,
      text: differenceText(d.figures, this.k()),
      interval: differenceInterval(d.figures),
      verdict: differenceVerdict(d.figures),
    }));
  });
  protected readonly comparisonOption = computed(() => {
    const report = this.report.value();
    return report && !isEmptyFirstPost(report) ? retentionComparisonOption(report) : undefined;
  });
  protected readonly weekOption = computed(() => {
    const report = this.report.value();
    return report && report.byWeek.length > 0 ? answeredByWeekOption(report) : undefined;
  });

  /** The leading indicator by unit and by community: one table each, the same columns. */
  protected readonly breakdowns = computed(() => {
    const report = this.report.value();
    if (!report) return [];
    return [
      {
        testId: 'first-post-by-unit',
        label: $localize`:@@adoption.firstPost.byUnit.label:Unit`,
        empty: $localize`:@@adoption.firstPost.byUnit.empty:No first posts in any unit.`,
        rows: report.byUnit.map((unit) => ({ key: unit.orgUnitId ?? unit.name, ...unit })),
      },
      {
        testId: 'first-post-by-community',
        label: $localize`:@@adoption.firstPost.byCommunity.label:Community`,
        empty: $localize`:@@adoption.firstPost.byCommunity.empty:No first posts in any community.`,
        rows: report.byCommunity.map((community) => ({ key: community.groupId, ...community })),
      },
    ];
  });

  protected readonly share = formatShare;
  protected readonly count = formatCount;
  protected readonly rate = rateText;
}
