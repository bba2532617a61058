export * from './lib/directory-writer';
export * from './lib/event-writer';
export * from './lib/pipeline';
export * from './lib/pseudonymise';
export * from './lib/run-warnings';
export * from './lib/run-outcome';
