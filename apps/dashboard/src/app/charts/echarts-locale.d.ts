/** ECharts ships its locales as plain ES modules without declarations: one object of words per language. */
declare module 'echarts/lib/i18n/langNL.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default locale;
}
