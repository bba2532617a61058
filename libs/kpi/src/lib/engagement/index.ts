export * from './engagement-data';
export * from './engagement-query';
