export * from './people-query';
export * from './person-summaries';
