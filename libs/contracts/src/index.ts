export * from './lib/activity';
export * from './lib/health';
export * from './lib/organisation';
export * from './lib/privacy';
export * from './lib/connectors';
export * from './lib/directory';
export * from './lib/kpis';
export * from './lib/rollouts';
