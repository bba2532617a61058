import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

/** A chart: an ECharts canvas that follows its option and the container's size. */
@Component({
  selector: 'up-chart',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div
    class="chart"
    echarts
    [options]="options()"
    [autoResize]="true"
    [attr.aria-label]="label()"
    role="img"
  ></div>`,
  styles: `
    .chart {
      width: 100%;
      height: 100%;
      min-height: 18rem;
    }
  `,
})
export class ChartComponent {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input('chart');
}
