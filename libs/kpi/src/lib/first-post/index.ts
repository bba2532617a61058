export * from './first-post';
export * from './first-post-data';
export * from './first-post-query';
