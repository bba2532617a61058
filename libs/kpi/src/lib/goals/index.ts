export * from './business-goals';
export * from './usage-per-person';
