export * from './business-goals';
export * from './usage-per-person';
export * from './definition-versions';
