export * from './departments';
export * from './flow-rows';
export * from './knowledge-flow';
export * from './knowledge-flow-query';
export * from './knowledge-flow-sql';
export * from './leadership';
