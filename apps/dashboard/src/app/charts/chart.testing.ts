import { Component, input } from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * Stands in for `up-chart` in component tests: ECharts needs a real canvas, which jsdom lacks. Tests check the
 * option handed over (and whether the chart asked for intervention markers); the browser tests in e2e/ check
 * that charts draw.
 */
@Component({ selector: 'up-chart', template: '<div data-testid="chart-stub"></div>' })
export class ChartStub {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input('chart');
  readonly interventionMarkers = input(false);
}
