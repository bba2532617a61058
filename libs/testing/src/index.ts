export * from './lib/databases';
export * from './lib/config';
export * from './lib/fake-s3';
export * from './lib/prometheus-text';
export * from './lib/export-files';
