export * from './adoption';
export * from './adoption-point';
export * from './adoption-query';
