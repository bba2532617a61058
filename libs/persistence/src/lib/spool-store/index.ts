export * from './create-spool-store';
export * from './file-spool-store';
export * from './s3-spool-store';
export * from './spool-store';
