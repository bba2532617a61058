export * from './lib/databases';
