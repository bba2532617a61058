export * from './participation';
export * from './participation-data';
export * from './participation-point';
export * from './participation-query';
export * from './personas';
