export * from './behaviour-personas';
export * from './personas-data';
export * from './personas-query';
