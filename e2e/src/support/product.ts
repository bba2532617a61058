import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort } from '@uptake/infra-embedded';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS_DIR = path.join(WORKSPACE_ROOT, 'e2e/artifacts');

export interface RunningProduct {
  baseUrl: string;
  /** The ports it was started on (a second start on the same data folder may reuse them). */
  ports: ProductPorts;
  output(): string;
  /** Sends SIGINT like Ctrl-C and resolves with the exit code. */
  stop(): Promise<number | null>;
  process: ChildProcess;
}

export interface ProductPorts {
  api: number;
  postgres: number;
  redis: number;
}

export async function freePorts(): Promise<ProductPorts> {
  return { api: await findFreePort(), postgres: await findFreePort(), redis: await findFreePort() };
}

/** The last day of the demo history in every e2e start (DEMO_END_DATE). */
export const E2E_DEMO_END_DATE = '2026-07-05';

/** The compiled launcher (`nx build launcher`); the e2e target builds it, the API and the worker first. */
export const LAUNCHER_BUNDLE = 'dist/infra/launcher/main.js';

/**
 * Arguments to start the compiled launcher with `process.execPath`, as `npm start` does. Fails clearly when the
 * build is missing (a jest run outside `nx run e2e:e2e`, which depends on the builds).
 */
export function launcherArguments(): string[] {
  if (!fs.existsSync(path.join(WORKSPACE_ROOT, LAUNCHER_BUNDLE))) {
    throw new Error(
      `${LAUNCHER_BUNDLE} is missing: build it with \`npx nx run-many -t build -p dashboard api worker launcher\``,
    );
  }
  return [LAUNCHER_BUNDLE];
}

export function scratchDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-e2e-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Starts the product the way `npm start` does (the compiled launcher: embedded Postgres + Redis, API, worker,
 * demo organisation), on private ports and a private data folder, and waits until it says it is running.
 */
export function startProduct(
  options: { dataDir: string; ports: ProductPorts; env?: Record<string, string> },
  timeoutMs = 180_000,
): Promise<RunningProduct> {
  const child = spawn(process.execPath, launcherArguments(), {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      DATABASE_URL: '',
      REDIS_URL: '',
      UPTAKE_DATA_DIR: options.dataDir,
      API_PORT: String(options.ports.api),
      EMBEDDED_POSTGRES_PORT: String(options.ports.postgres),
      EMBEDDED_REDIS_PORT: String(options.ports.redis),
      LOG_LEVEL: 'warn',
      // The demo history pinned (26 weeks from Monday 2026-01-05, the generator's default period, which
      // support/viva-engage-export.ts generates too; the pilot kicked off on Monday 2026-05-25, mid-way on
      // the last day), not ending yesterday: the tests' dates stay put.
      DEMO_END_DATE: E2E_DEMO_END_DATE,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const product: RunningProduct = {
    baseUrl: `http://127.0.0.1:${options.ports.api}`,
    ports: options.ports,
    output: () => output,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`the product did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(product);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(Object.assign(new Error(`the product exited with code ${code}:\n${output}`), { code, output }));
    });
  });
}

/** The launcher's message when a port it was given is taken. */
const PORT_TAKEN = /Port \d+ is already in use/;

/**
 * startProduct on free ports, and again on new ones (at most `attempts` starts) when a port probed free was
 * taken before the product bound it: a probed port comes from the ephemeral range, which the system may hand
 * to another process's outgoing connection in between (seen once in CI: "Port 38455 is already in use"), or
 * the browser files running at the same time probe and bind theirs. Any other failure is thrown at once.
 */
export async function startProductOnFreePorts(
  options: { dataDir: string; env?: Record<string, string> },
  attempts = 3,
): Promise<RunningProduct> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startProduct({ ...options, ports: await freePorts() });
    } catch (error) {
      const output = (error as { output?: string }).output ?? '';
      if (attempt >= attempts || !PORT_TAKEN.test(output)) throw error;
    }
  }
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}
