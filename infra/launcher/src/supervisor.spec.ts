import { spawn } from 'node:child_process';
import { SupervisedChild, type Backoff } from './supervisor';

/** A real child process running a line of JavaScript. */
const node = (script: string) => () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

function supervise(script: string, backoff: Backoff) {
  const starts: number[] = [];
  const pids: number[] = [];
  const logs: string[] = [];
  const child = new SupervisedChild({
    name: 'child',
    spawn: () => {
      starts.push(Date.now());
      const process = node(script)();
      pids.push(process.pid as number);
      return process;
    },
    log: (message) => logs.push(message),
    backoff,
  });
  child.start();
  return { child, starts, pids, logs };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SupervisedChild', () => {
  jest.setTimeout(30_000);

  it('restarts a crashing child with a delay that doubles up to the maximum, logging the exit code', async () => {
    const { child, starts, logs } = supervise('process.exit(3)', {
      initialMs: 200,
      maxMs: 800,
      resetAfterMs: 60_000,
    });
    try {
      await until(() => starts.length >= 5);
    } finally {
      await child.stop();
    }
    const gaps = starts.slice(1, 5).map((start, index) => start - starts[index]);
    // Each gap is the child's (short) life plus the delay: at least the delay, and well below the next one.
    const delays = [200, 400, 800, 800];
    gaps.forEach((gap, index) => {
      expect(gap).toBeGreaterThanOrEqual(delays[index] - 5);
      expect(gap).toBeLessThan(delays[index] + 2_000);
    });
    expect(logs[0]).toMatch(
      /^child exited \(code 3, signal null\) after \d+\.\d s; restarting in 0\.2 s \(restart 1\)$/,
    );
    expect(logs.filter((line) => line.includes('restarting in 0.8 s')).length).toBeGreaterThanOrEqual(2);
  });

  it('goes back to the first delay after the child stayed up long enough', async () => {
    const { child, starts, logs } = supervise('setTimeout(() => process.exit(1), 400)', {
      initialMs: 100,
      maxMs: 5_000,
      resetAfterMs: 300,
    });
    try {
      await until(() => starts.length >= 4);
    } finally {
      await child.stop();
    }
    const restarts = logs.filter((line) => line.includes('restarting in'));
    expect(restarts.length).toBeGreaterThanOrEqual(3);
    for (const line of restarts) expect(line).toContain('restarting in 0.1 s');
  });

  it('restarts a child an operator stopped with SIGTERM, and stop() ends it for good', async () => {
    const { child, pids, logs } = supervise('setInterval(() => undefined, 1000)', {
      initialMs: 100,
      maxMs: 1_000,
      resetAfterMs: 60_000,
    });
    await until(() => pids.length === 1);
    process.kill(pids[0], 'SIGTERM');
    await until(() => pids.length === 2);
    expect(logs[0]).toMatch(/^child exited \(code null, signal SIGTERM\)/);
    expect(logs[1]).toBe(`child restarted (pid ${pids[1]})`);

    const current = pids[1];
    await child.stop();
    expect(() => process.kill(current, 0)).toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pids).toHaveLength(2);
  });
});
