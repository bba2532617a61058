export * from './lifecycle';
export * from './lifecycle-query';
