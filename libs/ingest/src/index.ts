export * from './lib/directory-writer';
export * from './lib/event-writer';
export * from './lib/pipeline';
export * from './lib/pseudonymise';
