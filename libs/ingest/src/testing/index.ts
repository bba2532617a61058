export * from './contract-history';
export * from './contract-kit';
