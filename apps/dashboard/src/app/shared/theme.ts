/**
 * The colours the charts paint with. Each mirrors the CSS custom property of the same name in src/styles.css
 * (`accent500` is `--accent-500`), where every colour of the dashboard is chosen: ECharts draws on a canvas and
 * cannot resolve var(), so the values are repeated here and theme.spec.ts fails when one differs from styles.css.
 */
export const COLOURS = {
  accent: '#4338ca',
  accent50: '#eef2ff',
  accent200: '#c7d2fe',
  accent300: '#a5b4fc',
  accent400: '#818cf8',
  accent500: '#6366f1',
  accent900: '#312e81',
  ink: '#111827',
  muted: '#6b7280',
  surface: '#ffffff',
  border: '#e5e7eb',
  neutral: '#9ca3af',
  neutralMark: '#d1d5db',
  danger: '#b91c1c',
  good: '#15803d',
  warn: '#b45309',
  badMark: '#dc2626',
  chartSky: '#0ea5e9',
  chartGreen: '#22c55e',
  chartEmerald: '#059669',
  chartTeal: '#0d9488',
  chartAmber: '#f59e0b',
  chartSlate: '#64748b',
  chartBand: 'rgba(99, 102, 241, 0.12)',
} as const;

/** The CSS custom property a colour of {@link COLOURS} mirrors: accent500 -> --accent-500. */
export function cssVariableOf(name: keyof typeof COLOURS): string {
  return `--${name.replace(/([A-Z]|\d+)/g, '-$1').toLowerCase()}`;
}
