import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { isPortOpen } from './free-port';
import type { RunningStore } from './embedded-postgres';

export interface RedisServerOptions {
  dataDir: string;
  port: number;
  /** Keep an append-only file so a second start reuses queued jobs. */
  persistent: boolean;
  log?: (line: string) => void;
}

export class RedisServerMissingError extends Error {
  constructor() {
    super(
      'redis-server was not found on PATH. Run `bash scripts/bootstrap.sh` (installs it with apt-get on Debian/Ubuntu), ' +
        'install Redis yourself, or set REDIS_URL to an existing Redis.',
    );
    this.name = 'RedisServerMissingError';
  }
}

export function redisServerBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const binary = found.stdout.trim();
  return found.status === 0 && binary ? binary : undefined;
}

/** Starts a private redis-server (Debian package) bound to loopback on the given port. */
export async function startRedisServer(options: RedisServerOptions): Promise<RunningStore> {
  const binary = redisServerBinary();
  if (!binary) throw new RedisServerMissingError();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  if (await isPortOpen(options.port)) {
    if (!(await stopOurStaleServer(options.port, options.dataDir, log))) {
      throw new Error(`Port ${options.port} is already in use; set EMBEDDED_REDIS_PORT or REDIS_URL`);
    }
  }
  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dataDir,
    '--daemonize',
    'no',
    '--save',
    '',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    // BullMQ requires that Redis never evicts its keys.
    '--maxmemory-policy',
    'noeviction',
    '--logfile',
    '',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log(chunk.toString().trimEnd());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // If this process ends without stop() (a signal handler of another library calling process.exit, a crash),
  // 'exit' listeners still run synchronously: never leave a private redis-server behind.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 15_000;
  while (!(await isPortOpen(options.port))) {
    const early = await Promise.race([
      exited,
      new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 50)),
    ]);
    if (early !== 'waiting') throw new Error(`redis-server exited with code ${early}: ${output.slice(-500)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not listen on port ${options.port} within 15 s`);
    }
  }

  return {
    url: redisServerUrl(options.port),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
      if (!options.persistent) fs.rmSync(path.join(options.dataDir), { recursive: true, force: true });
    },
  };
}

function redisServerUrl(port: number): string {
  return `redis://127.0.0.1:${port}/0`;
}

/**
 * A previous start that was killed hard (the launcher got SIGKILL) leaves its redis-server running on the
 * port. If the server there answers and works in our data folder, it is ours: it is shut down (SHUTDOWN
 * writes the append-only file) so this start runs its own, with its settings and log. Returns false when
 * the port belongs to something else, which is left alone.
 */
async function stopOurStaleServer(
  port: number,
  dataDir: string,
  log: (line: string) => void,
): Promise<boolean> {
  const client = new IORedis(redisServerUrl(port), {
    lazyConnect: true,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const [, dir] = (await client.config('GET', 'dir')) as [string, string];
    if (dir !== fs.realpathSync(dataDir)) return false;
    log(`[redis] stopping the redis-server left running by a previous start on port ${port}`);
    await client.call('SHUTDOWN').catch(() => undefined);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!(await isPortOpen(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the redis-server left running on port ${port} by a previous start does not stop`);
}
