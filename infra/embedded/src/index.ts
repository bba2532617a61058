export * from './lib/embedded-postgres';
export * from './lib/free-port';
export * from './lib/redis-server';
export * from './lib/stores';
