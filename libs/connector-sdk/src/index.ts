export * from './lib/checkpoint';
export * from './lib/connector';
export * from './lib/http';
export * from './lib/records';
export * from './lib/rows';
export * from './lib/text';
