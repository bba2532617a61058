import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { LifecycleReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatCountChange, formatDay, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import { isEmptyLifecycle, latestLifecycleWeek, lifecycleChartOption, lifecycleSentence } from './lifecycle';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * The weekly movement of active people, for executives: who is new, who stayed, who came back and who went
 * quiet, and the net change that results.
 */
@Component({
  selector: 'up-lifecycle-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lifecycle-section.component.html',
  styleUrl: './lifecycle-section.component.css',
})
export class LifecycleSectionComponent {
  protected readonly report = kpiReport<LifecycleReport>('lifecycle');
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly empty = computed(() => {
    const report = this.report.value();
    return report ? isEmptyLifecycle(report) : false;
  });
  /** Weeks carry their own `suppressed`; one note covers them all. */
  protected readonly anySuppressed = computed(
    () => this.report.value()?.weeks.some((week) => week.suppressed !== undefined) ?? false,
  );
  protected readonly latest = computed(() => {
    const report = this.report.value();
    return report ? latestLifecycleWeek(report) : null;
  });
  protected readonly sentence = computed(() => {
    const week = this.latest();
    return week ? lifecycleSentence(week, this.k()) : '';
  });
  protected readonly chartOption = computed(() => {
    const report = this.report.value();
    return report && !isEmptyLifecycle(report) ? lifecycleChartOption(report) : undefined;
  });

  protected readonly count = formatCount;
  protected readonly day = formatDay;

  protected change(value: number | null): string {
    return value === null ? formatCount(null, this.figures()) : formatCountChange(value);
  }
}
