export * from './addressable';
export * from './cell-key';
