import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loggerOptions } from '@uptake/config';
import { Writable } from 'node:stream';
import { inThreadLogging } from '../app/create-worker';
import { parseProcStatus, readProcessMemory, RssSampler } from '../bench/process-memory';

const MB = 1024 * 1024;

describe('process memory of the compiled-worker benchmark', () => {
  it('reads VmRSS and VmHWM out of /proc/<pid>/status, in bytes', () => {
    const status = [
      'Name:\tnode',
      'VmPeak:\t 1234567 kB',
      'VmHWM:\t  193252 kB',
      'VmRSS:\t  190656 kB',
      'RssAnon:\t  128680 kB',
    ].join('\n');
    // 190,656 kB * 1,024 = 195,231,744 bytes; 193,252 kB * 1,024 = 197,890,048 bytes
    expect(parseProcStatus(status)).toEqual({ rss: 195_231_744, hwm: 197_890_048 });
  });

  it('says nothing (null) for a process without memory lines or one that is gone', async () => {
    // A zombie's status has a name and a state but no Vm* lines.
    expect(parseProcStatus('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
    expect(parseProcStatus('VmRSS:\t 1 kB\n')).toBeNull();
    expect(await readProcessMemory(2 ** 30)).toBeNull();
  });

  it('samples a child: the window that held 96 MB peaks that much above the idle one', async () => {
    // The child touches 96 MB (Buffer.alloc fills with zeros, so every page is resident), holds it for
    // 600 ms (six samples at 100 ms), drops it, and waits to be killed.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `process.stdin.once('data', () => {
           let held = Buffer.alloc(${96 * MB}, 1);
           setTimeout(() => { held = null; process.stdout.write('dropped\\n'); }, 600);
         }); process.stdout.write('ready\\n');`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await once(child.stdout!, 'data');
      const sampler = new RssSampler(child.pid!, 100);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const idle = await sampler.next();
      child.stdin!.write('go\n');
      await once(child.stdout!, 'data');
      const busy = await sampler.next();
      sampler.stop();
      expect(idle.samples).toBeGreaterThanOrEqual(3);
      expect(idle.peakRss).toBeLessThan(80 * MB);
      // At least the 96 MB (less a few MB of pages V8 may return while allocating) above the idle peak.
      expect(busy.peakRss - idle.peakRss).toBeGreaterThan(90 * MB);
      expect(busy.hwm).toBeGreaterThanOrEqual(busy.peakRss);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('the worker logger', () => {
  it('leaves production logging (plain JSON lines, no transport) as it is', async () => {
    const options = loggerOptions({ logLevel: 'info', env: 'production' });
    expect(await inThreadLogging(options)).toBe(options);
  });

  it('formats development output with pino-pretty in this thread instead of a transport thread', async () => {
    const options = loggerOptions({ logLevel: 'debug', env: 'development' });
    expect(options.transport).toBeDefined();
    const result = await inThreadLogging(options);
    expect(Array.isArray(result)).toBe(true);
    const [rest, stream] = result as [Record<string, unknown>, Writable];
    // Everything but the transport is kept: level, redaction, request ids.
    expect(rest).toEqual({ ...options, transport: undefined });
    expect('transport' in rest).toBe(false);
    expect(rest['level']).toBe('debug');
    expect(stream).toBeInstanceOf(Writable);
  });
});
