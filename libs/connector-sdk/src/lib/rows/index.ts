export { MAX_CSV_RECORD_BYTES } from './csv-bytes';
export * from './csv-reader';
export * from './json-rows';
export * from './row-reader';
export * from './source-row';
export * from './timestamps';
