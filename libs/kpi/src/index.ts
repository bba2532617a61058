export * from './lib/daily-activity';
export * from './lib/suppression';
export * from './lib/rollups';
export * from './lib/kpi-data';
export * from './lib/people-kpis';
export * from './lib/periods';
export * from './lib/network';
export * from './lib/network-report';
