import { readFile } from 'node:fs/promises';

/** What /proc/<pid>/status says about a process's resident memory, in bytes. */
export interface ProcessMemory {
  /** VmRSS: resident now (anonymous + file-backed + shared). */
  rss: number;
  /** VmHWM: the highest VmRSS since the process started (the kernel's own peak, between samples too). */
  hwm: number;
}

/** kB figure of one `Name:   123 kB` line, as bytes; undefined when the line is absent. */
function statusKilobytes(status: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * VmRSS and VmHWM out of the text of /proc/<pid>/status. Null when either is missing: a zombie (exited,
 * not yet reaped) has no memory lines, and a sample then says nothing rather than "0 bytes".
 */
export function parseProcStatus(status: string): ProcessMemory | null {
  const rss = statusKilobytes(status, 'VmRSS');
  const hwm = statusKilobytes(status, 'VmHWM');
  return rss === undefined || hwm === undefined ? null : { rss, hwm };
}

/** The memory of a running process (Linux); null once it has exited or when /proc is not there. */
export async function readProcessMemory(pid: number): Promise<ProcessMemory | null> {
  try {
    return parseProcStatus(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

/** Peak of a child process's RSS over a window of time, from samples and from the kernel's VmHWM. */
export interface RssWindow {
  /** Highest VmRSS seen in this window's samples. */
  peakRss: number;
  /** VmHWM at the last sample: the process's peak since it started (this window and everything before). */
  hwm: number;
  samples: number;
}

/**
 * Samples a child's VmRSS every `intervalMs` (100 ms: a batch of the pipeline takes longer, so its peak is
 * seen) into the current window; `next()` closes the window and opens another, so one sampler separates
 * "idle", "sync" and "rollup refresh" without missing the moments between them. A sample in flight when
 * the window changes counts towards the new one, which at most moves one 100 ms sample across.
 */
export class RssSampler {
  private window: RssWindow = { peakRss: 0, hwm: 0, samples: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  /** Takes one sample now (also what the timer does). */
  async sample(): Promise<void> {
    const memory = await readProcessMemory(this.pid);
    if (!memory) return;
    this.window.peakRss = Math.max(this.window.peakRss, memory.rss);
    this.window.hwm = memory.hwm;
    this.window.samples++;
  }

  /** Ends the current window with one last sample and returns it; the next window starts empty. */
  async next(): Promise<RssWindow> {
    await this.sample();
    const ended = this.window;
    this.window = { peakRss: 0, hwm: ended.hwm, samples: 0 };
    return ended;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Bytes as whole MiB, as the benchmark prints them (and `ps`/top round them). */
export function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
