export * from './lib/jobs';
export * from './lib/queues';
export * from './lib/schedules';
export * from './lib/store-outage';
