export * from './lib/connector';
export * from './lib/http';
export * from './lib/records';
export * from './lib/text';
