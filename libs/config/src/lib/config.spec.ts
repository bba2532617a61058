import { ConfigError, loadConfig, requireStoreUrls } from './config';

describe('loadConfig', () => {
  it('uses embedded defaults when no store URL is given', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.minGroupSize).toBe(5);
    expect(config.api.port).toBe(3000);
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('accepts valid URLs and numbers', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db.example:5432/uptake',
      REDIS_URL: 'redis://cache:6379/1',
      API_PORT: '8080',
      MIN_GROUP_SIZE: '10',
      LOAD_DEMO: 'false',
    });
    expect(config.database.url).toBe('postgres://u:p@db.example:5432/uptake');
    expect(config.api.port).toBe(8080);
    expect(config.minGroupSize).toBe(10);
    expect(config.demo.load).toBe(false);
  });

  it('reads LOG_FORMAT: pretty by default in development (npm start), json otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT: must be json or pretty/);
  });

  it('reads DEMO_END_DATE: a calendar day before today, unset by default (yesterday, decided by the launcher)', () => {
    expect(loadConfig({}).demo.endDate).toBeUndefined();
    expect(loadConfig({ DEMO_END_DATE: '2026-07-05' }).demo.endDate).toBe('2026-07-05');
    expect(() => loadConfig({ DEMO_END_DATE: '2026-02-30' })).toThrow(
      /DEMO_END_DATE: must be a calendar date YYYY-MM-DD/,
    );
    expect(() => loadConfig({ DEMO_END_DATE: '5 July' })).toThrow(/DEMO_END_DATE: must be a calendar date/);
    expect(() => loadConfig({ DEMO_END_DATE: '1999-12-31' })).toThrow(
      /DEMO_END_DATE: must not be before 2000-01-01/,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(() => loadConfig({ DEMO_END_DATE: today })).toThrow(/DEMO_END_DATE: must be before today/);
  });

  it('names a malformed DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/db' })).toThrow(
      /DATABASE_URL: must be a URL like postgres:/,
    );
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ REDIS_URL: 'http://x', API_PORT: '99999', MIN_GROUP_SIZE: '1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).issues.map((issue) => issue.variable).sort();
      expect(variables).toEqual(['API_PORT', 'MIN_GROUP_SIZE', 'REDIS_URL']);
    }
  });

  it('commits syncs in batches of 5,000 records unless SYNC_BATCH_SIZE says otherwise (100..100,000)', () => {
    expect(loadConfig({}).worker.syncBatchSize).toBe(5_000);
    expect(loadConfig({ SYNC_BATCH_SIZE: '1000' }).worker.syncBatchSize).toBe(1_000);
    expect(() => loadConfig({ SYNC_BATCH_SIZE: '99' })).toThrow(/SYNC_BATCH_SIZE/);
    expect(() => loadConfig({ SYNC_BATCH_SIZE: '100001' })).toThrow(/SYNC_BATCH_SIZE/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.url).toBeUndefined();
  });

  it('requireStoreUrls names what is missing', () => {
    expect(() => requireStoreUrls(loadConfig({ REDIS_URL: 'redis://h:1' }))).toThrow(
      /DATABASE_URL: is required/,
    );
  });

  it('requires a secret key for server processes', () => {
    expect(() =>
      requireStoreUrls(loadConfig({ DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h:1' })),
    ).toThrow(/UPTAKE_SECRET_KEY: is required/);
  });

  it('decodes a 32-byte secret key and rejects other lengths', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ UPTAKE_SECRET_KEY: key }).secretKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ UPTAKE_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /UPTAKE_SECRET_KEY: must be 32 random bytes in base64/,
    );
  });

  it('parses CORS origins and names a malformed one', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:4200' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:4200',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /CORS_ORIGINS: must be a comma-separated/,
    );
  });

  it('reads TRUST_PROXY like express: off by default, true, hop count, addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['yes please', '10.0.0.0/33', 'proxy.example.com']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: must be false, true, a hop count/);
    }
  });

  it('builds links from PUBLIC_URL (default: the API address), never from requests', () => {
    expect(loadConfig({ API_PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://uptake.example.com/' }).publicUrl).toBe(
      'https://uptake.example.com',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL: must be a URL/);
  });

  it('sends mail through SMTP_URL, else writes it to the outbox folder; invitations last 7 days', () => {
    const embedded = loadConfig({ UPTAKE_DATA_DIR: '/srv/uptake' });
    expect(embedded.mail).toEqual({
      smtpUrl: undefined,
      from: 'Uptake <uptake@localhost>',
      outboxDir: '/srv/uptake/outbox',
    });
    expect(embedded.auth.invitationTtlDays).toBe(7);
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.com:587' }).mail.smtpUrl).toBe(
      'smtp://mail.example.com:587',
    );
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL: must be a URL like smtp:/,
    );
  });
  describe('the spool store (SPOOL_STORE and SPOOL_S3_*)', () => {
    const s3 = { SPOOL_STORE: 's3', SPOOL_S3_BUCKET: 'uptake-spool' };

    it('keeps the spool in SPOOL_DIR unless SPOOL_STORE=s3', () => {
      expect(loadConfig({}).spool).toEqual({ store: 'file' });
      expect(loadConfig({ SPOOL_STORE: 'file' }).spool).toEqual({ store: 'file' });
    });

    it('reads the S3 settings, with AWS defaults and the SDK credential chain when no keys are given', () => {
      expect(loadConfig(s3).spool).toEqual({
        store: 's3',
        bucket: 'uptake-spool',
        endpoint: undefined,
        region: 'us-east-1',
        prefix: '',
        forcePathStyle: false,
        credentials: undefined,
      });
      expect(
        loadConfig({
          ...s3,
          SPOOL_S3_ENDPOINT: 'http://minio.internal:9000/',
          SPOOL_S3_REGION: 'eu-west-1',
          SPOOL_S3_PREFIX: 'prod/spool',
          SPOOL_S3_FORCE_PATH_STYLE: 'true',
          SPOOL_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
          SPOOL_S3_SECRET_ACCESS_KEY: 'secret',
        }).spool,
      ).toEqual({
        store: 's3',
        bucket: 'uptake-spool',
        endpoint: 'http://minio.internal:9000',
        region: 'eu-west-1',
        // A prefix is a folder: the slash is added.
        prefix: 'prod/spool/',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      });
    });

    it('names what is wrong: a missing bucket, half a key pair, a bad value, S3 settings without s3', () => {
      expect(() => loadConfig({ SPOOL_STORE: 's3' })).toThrow(
        /SPOOL_S3_BUCKET: is required when SPOOL_STORE=s3/,
      );
      expect(() => loadConfig({ ...s3, SPOOL_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toThrow(
        /SPOOL_S3_SECRET_ACCESS_KEY: must be set together with SPOOL_S3_ACCESS_KEY_ID/,
      );
      expect(() => loadConfig({ ...s3, SPOOL_S3_SECRET_ACCESS_KEY: 'secret' })).toThrow(
        /SPOOL_S3_ACCESS_KEY_ID: must be set together/,
      );
      expect(() => loadConfig({ SPOOL_STORE: 'minio' })).toThrow(/SPOOL_STORE: must be file or s3/);
      expect(() => loadConfig({ ...s3, SPOOL_S3_BUCKET: 'Uptake_Spool' })).toThrow(
        /SPOOL_S3_BUCKET: must be a bucket name/,
      );
      expect(() => loadConfig({ ...s3, SPOOL_S3_ENDPOINT: 'minio:9000' })).toThrow(
        /SPOOL_S3_ENDPOINT: must be a URL like https:/,
      );
      expect(() => loadConfig({ ...s3, SPOOL_S3_PREFIX: '/spool' })).toThrow(
        /SPOOL_S3_PREFIX: must not start with/,
      );
      expect(() => loadConfig({ ...s3, SPOOL_S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(
        /SPOOL_S3_FORCE_PATH_STYLE: must be true or false/,
      );
      expect(() => loadConfig({ SPOOL_S3_BUCKET: 'uptake-spool' })).toThrow(
        /SPOOL_S3_BUCKET: is set but SPOOL_STORE is file/,
      );
    });
  });
});
