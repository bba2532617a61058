export * from './lib/daily-activity';
export * from './lib/suppression';
export * from './lib/rollups';
