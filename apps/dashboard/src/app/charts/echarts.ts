import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { MarkLineComponent } from 'echarts/components';
import { GraphChart, HeatmapChart, PieChart } from 'echarts/charts';
import { MarkAreaComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import langNL from 'echarts/lib/i18n/langNL.js';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, so the bundle stays small.
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
  MarkLineComponent,
  HeatmapChart,
  GraphChart,
  PieChart,
  VisualMapContinuousComponent,
  MarkAreaComponent,
]);

// Month and day names of time axes and ECharts' own words in the page's language (English is built in).
echarts.registerLocale('NL', langNL);

export { echarts };
