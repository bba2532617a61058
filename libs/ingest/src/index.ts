export * from './lib/event-writer';
export * from './lib/pseudonymise';
export * from './lib/demo-loader';
