import type * as ResvgModule from '@resvg/resvg-js';
import type * as EchartsModule from 'echarts';

/**
 * ECharts (~4 MB of code) and resvg (a ~4 MB native addon) are loaded on the first render, not when this
 * module is: the worker and the API import it for digests and exports, which most processes run rarely,
 * and an idle worker should not carry them (see WORKER_NODE_FLAGS on the idle RSS budget). Synchronous
 * `require`, so that rendering stays a plain function.
 */
let echartsModule: typeof EchartsModule | undefined;
let resvgModule: typeof ResvgModule | undefined;
function loadEcharts(): typeof EchartsModule {
  echartsModule ??= require('echarts') as typeof EchartsModule;
  return echartsModule;
}
function loadResvg(): typeof ResvgModule {
  resvgModule ??= require('@resvg/resvg-js') as typeof ResvgModule;
  return resvgModule;
}

/** The size of a rendered chart in CSS pixels; PNGs are drawn at {@link ChartSize.scale} times that. */
export interface ChartSize {
  width: number;
  height: number;
  /** Device pixel ratio of the PNG (2 = sharp on slides and high-density screens). Default 2. */
  scale?: number;
}

/** Charts larger than this are refused: a size comes from code, but a bound keeps a mistake from costing GBs. */
const MAX_SIDE = 4000;

/** The colours server-rendered charts use, the dashboard's theme (apps/dashboard/src/app/shared/theme.ts). */
export const CHART_COLOURS = {
  accent: '#4338ca',
  accent300: '#a5b4fc',
  ink: '#111827',
  muted: '#6b7280',
  border: '#e5e7eb',
  good: '#15803d',
  warn: '#b45309',
  danger: '#b91c1c',
  series: ['#4338ca', '#0ea5e9', '#22c55e', '#f59e0b', '#64748b', '#0d9488', '#dc2626'],
} as const;

function checkedSize(size: ChartSize): Required<ChartSize> {
  const scale = size.scale ?? 2;
  for (const [name, value] of Object.entries({ width: size.width, height: size.height })) {
    if (!Number.isInteger(value) || value < 16 || value > MAX_SIDE) {
      throw new RangeError(`chart ${name} must be an integer from 16 to ${MAX_SIDE}, got ${value}`);
    }
  }
  if (!(scale >= 1 && scale <= 4)) throw new RangeError(`chart scale must be from 1 to 4, got ${scale}`);
  return { width: size.width, height: size.height, scale };
}

/**
 * An ECharts option rendered to an SVG document on the server (ECharts' server-side SVG renderer, no DOM and
 * no canvas): the same chart library and option shapes as the dashboard, so a digest or a slide shows what
 * the page shows. Animation is off; fonts default to DejaVu Sans / Liberation Sans, which Debian ships.
 */
export function renderChartSvg(option: EchartsModule.EChartsCoreOption, size: ChartSize): string {
  const { width, height } = checkedSize(size);
  const chart = loadEcharts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: [...CHART_COLOURS.series],
      textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, sans-serif' },
      backgroundColor: '#ffffff',
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG document rasterised to PNG with resvg (fonts from the system, as in {@link renderChartSvg}). */
export function svgToPng(svg: string, widthPixels: number): Buffer {
  const resvg = new (loadResvg().Resvg)(svg, {
    fitTo: { mode: 'width', value: widthPixels },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}

/**
 * An ECharts option as a PNG image: what e-mail clients (which often block SVG), PDF and PPTX embed.
 * The image is `width × scale` pixels wide.
 */
export function renderChartPng(option: EchartsModule.EChartsCoreOption, size: ChartSize): Buffer {
  const checked = checkedSize(size);
  return svgToPng(renderChartSvg(option, checked), checked.width * checked.scale);
}
