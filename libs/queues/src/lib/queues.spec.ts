import { redisConnectionOptions } from './queues';

describe('redisConnectionOptions', () => {
  it('translates host, port, db and credentials', () => {
    expect(redisConnectionOptions('redis://user:p%40ss@cache.local:6380/3')).toEqual({
      host: 'cache.local',
      port: 6380,
      db: 3,
      username: 'user',
      password: 'p@ss',
    });
  });
  it('defaults port and db, and enables TLS for rediss', () => {
    expect(redisConnectionOptions('rediss://cache')).toEqual({ host: 'cache', port: 6379, db: 0, tls: {} });
  });
});
