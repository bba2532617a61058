/** Dutch texts of app/charts: chart labels, intervention markers. */
export const NL_CHARTS: Record<string, string> = {
  'charts.markers.label': 'Interventies:',
  'charts.defaultLabel': 'grafiek',
  'charts.markers.seriesName': 'Interventies',
  'charts.markers.count': '{$count} interventies',
};
