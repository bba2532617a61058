export * from './lib/jobs';
export * from './lib/queues';
export * from './lib/schedules';
export * from './lib/store-outage';
export * from './lib/request-context';
export * from './lib/store-probe';
