import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { ChartComponent } from '../charts/chart.component';
import type { Source, SyncRunView } from '@uptake/contracts';
import { runChartOption } from './run-chart';
import { RunWarningsComponent } from './run-warnings.component';
import { formatCount } from '../shared/format';
import { formatDuration, statusBadge, timeAgo, triggerName } from './sync-status';

/** A source's runs: records per run and duration as a chart, then a table with status, errors and warnings. */
@Component({
  selector: 'up-run-history',
  imports: [ChartComponent, RunWarningsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './run-history.component.html',
  styleUrl: './run-history.component.css',
})
export class RunHistoryComponent {
  readonly source = input.required<Source>();
  readonly runs = input.required<readonly SyncRunView[]>();
  readonly now = input.required<number>();
  readonly selectedRunId = input<string | undefined>();
  readonly selectRun = output<string>();
  readonly closed = output<void>();

  protected readonly chartOption = computed(() => runChartOption(this.runs()));

  protected readonly badge = statusBadge;
  protected readonly duration = formatDuration;
  protected readonly triggerName = triggerName;
  protected readonly count = (value: number) => formatCount(value);
  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }
}
