import type { ChildProcess } from 'node:child_process';

export interface Backoff {
  /** Delay before the first restart. */
  initialMs: number;
  /** The delay doubles with each crash in a row, up to this. */
  maxMs: number;
  /** A child that stayed up this long counts as healthy: its next restart waits initialMs again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

export interface SupervisedChildOptions {
  name: string;
  /** Spawns the child (again). */
  spawn: () => ChildProcess;
  log: (message: string) => void;
  backoff?: Backoff;
}

/**
 * Keeps one child process running: when it exits without being asked to (a crash, an out-of-memory kill,
 * or an operator's `kill <pid>` to restart it), it is started again after a delay that grows while it keeps
 * crashing (1 s doubling to 30 s by default) and shrinks back once it stayed up. Only stop() ends it.
 */
export class SupervisedChild {
  private child?: ChildProcess;
  private startedAt = 0;
  private delayMs: number;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  restarts = 0;

  constructor(private readonly options: SupervisedChildOptions) {
    this.delayMs = this.backoff.initialMs;
  }

  private get backoff(): Backoff {
    return this.options.backoff ?? DEFAULT_BACKOFF;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const child = this.options.spawn();
    this.child = child;
    this.startedAt = Date.now();
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      this.exited(code, signal, error);
    };
    child.once('exit', (code, signal) => onEnd(code, signal));
    // A child that could not be spawned at all emits 'error' (and maybe no 'exit').
    child.once('error', (error) => onEnd(null, null, error));
  }

  private exited(code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    if (this.stopping) return;
    const upMs = Date.now() - this.startedAt;
    if (upMs >= this.backoff.resetAfterMs) this.delayMs = this.backoff.initialMs;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
    this.restarts++;
    const how = error ? `could not start (${error.message})` : `exited (code ${code}, signal ${signal})`;
    this.options.log(
      `${this.options.name} ${how} after ${(upMs / 1000).toFixed(1)} s; ` +
        `restarting in ${(delay / 1000).toFixed(1)} s (restart ${this.restarts})`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopping) return;
      this.start();
      this.options.log(`${this.options.name} restarted (pid ${this.pid})`);
    }, delay);
  }

  /** Sends a signal to the current child at once (for process 'exit' hooks, which cannot wait). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** Stops for good: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
