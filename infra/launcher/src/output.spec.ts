import { LauncherOutput, type OutputSettings } from './output';

function capture(settings: OutputSettings) {
  const out: string[] = [];
  const err: string[] = [];
  const output = new LauncherOutput(
    settings,
    { write: (text: string) => out.push(text) > 0 },
    { write: (text: string) => err.push(text) > 0 },
  );
  return { output, out, err };
}

const TIME = Date.UTC(2026, 11, 1, 9, 15, 42);
const routeLine = JSON.stringify({
  level: 30,
  time: TIME,
  context: 'RouterExplorer',
  msg: 'Mapped {/api/x, GET} route',
});
const warnLine = JSON.stringify({ level: 40, time: TIME, msg: 'Redis is slow' });

describe('what the launcher prints', () => {
  it('LOG_FORMAT=json: the children’s lines as they are, prefixed with their name (as before)', () => {
    const { output, out, err } = capture({ format: 'json', level: 'info', colour: false });
    output.child('api', routeLine, false);
    output.child('worker', 'boom', true);
    output.say('demo organisation loaded: 5 new events');
    output.warn('worker exited');
    output.banner(['Uptake is running: open http://x/', 'Press Ctrl-C to stop.']);
    expect(out).toEqual([
      `[api] ${routeLine}\n`,
      '[uptake] demo organisation loaded: 5 new events\n',
      '[uptake] Uptake is running: open http://x/\n',
      '[uptake] Press Ctrl-C to stop.\n',
    ]);
    expect(err).toEqual(['[worker] boom\n', '[uptake] worker exited\n']);
  });

  it('LOG_FORMAT=pretty: short lines, chatter hidden, warnings marked, the banner set apart', () => {
    const { output, out, err } = capture({ format: 'pretty', level: 'info', colour: false });
    output.child('api', routeLine, false);
    output.child('api', warnLine, false);
    output.child('api', '', false);
    output.warn('worker exited with code 1; restarting in 1 s');
    output.banner(['Uptake is running: open http://x/', 'Press Ctrl-C to stop.']);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d api {4}WARN Redis is slow\n$/);
    expect(out[1]).toBe('\nUptake is running: open http://x/\nPress Ctrl-C to stop.\n\n');
    expect(out).toHaveLength(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^\d\d:\d\d:\d\d uptake WARN worker exited with code 1; restarting in 1 s\n$/);
  });

  it('shows the launcher’s own progress whatever LOG_LEVEL, the children’s lines only from it up', () => {
    const { output, out } = capture({ format: 'pretty', level: 'error', colour: false });
    output.say('demo organisation loaded: 5 new events');
    output.child('api', warnLine, false);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/ uptake demo organisation loaded: 5 new events\n$/);
  });
});
