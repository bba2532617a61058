export * from './retention';
export * from './retention-query';
