import { storePorts, unavailableStore } from './store-outage';

function withCode(message: string, code: string, extra: object = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('unavailableStore', () => {
  const ports = storePorts('postgres://u:p@db.internal:5433/uptake', 'redis://cache.internal/0');

  it('names Postgres for SQLSTATEs of lost connections, shutdown and recovery, also inside TypeORM errors', () => {
    expect(unavailableStore(withCode('terminating connection due to administrator command', '57P01'))).toBe(
      'postgres',
    );
    const queryFailed = Object.assign(new Error('the database system is starting up'), {
      name: 'QueryFailedError',
      driverError: withCode('the database system is starting up', '57P03'),
    });
    expect(unavailableStore(queryFailed)).toBe('postgres');
    expect(unavailableStore(withCode('connection failure', '08006'))).toBe('postgres');
    expect(unavailableStore(new Error('Connection terminated unexpectedly'))).toBe('postgres');
    expect(unavailableStore(new Error('timeout exceeded when trying to connect'))).toBe('postgres');
  });

  it('names Redis for the errors ioredis gives while it cannot reach the server', () => {
    const maxRetries = Object.assign(new Error('Reached the max retries per request limit (which is 1).'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(unavailableStore(maxRetries)).toBe('redis');
    expect(
      unavailableStore(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe('redis');
    expect(unavailableStore(new Error('Connection is closed.'))).toBe('redis');
    expect(unavailableStore(new Error('Command timed out'))).toBe('redis');
  });

  it("tells a refused connection's store by its port, and calls other socket errors 'network'", () => {
    const refused = withCode('connect ECONNREFUSED 10.0.0.5:5433', 'ECONNREFUSED', { port: 5433 });
    expect(unavailableStore(refused, ports)).toBe('postgres');
    expect(unavailableStore(withCode('connect ECONNREFUSED', 'ECONNREFUSED', { port: 6379 }), ports)).toBe(
      'redis',
    );
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    expect(unavailableStore(new AggregateError([refused], 'connect failed'), ports)).toBe('postgres');
    const fetchFailed = new TypeError('fetch failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') });
    expect(unavailableStore(fetchFailed, ports)).toBe('network');
  });

  it('leaves errors of the request or the data alone', () => {
    expect(unavailableStore(withCode('duplicate key value violates unique constraint', '23505'))).toBeNull();
    expect(unavailableStore(withCode('protocol violation', '08P01'))).toBeNull();
    expect(unavailableStore(new Error('settings.people: must be at least 2'))).toBeNull();
    expect(unavailableStore(withCode('no such file', 'ENOENT'))).toBeNull();
    expect(unavailableStore('Connection terminated')).toBeNull();
    expect(unavailableStore(null)).toBeNull();
  });

  it('follows causes only so deep', () => {
    let error: Error = withCode('connection failure', '08006');
    for (let depth = 0; depth < 10; depth++) error = new Error('wrapped', { cause: error });
    expect(unavailableStore(error)).toBeNull();
  });
});
