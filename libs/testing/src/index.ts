export * from './lib/databases';
export * from './lib/config';
