export * from './addressable';
export * from './cell-key';
export * from './population-sizes';
export * from './suppression';
