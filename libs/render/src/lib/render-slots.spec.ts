import { RenderBusyError, renderSlots } from './render-slots';

/** A piece of work that finishes when the test says so. */
function deferred(): { promise: Promise<string>; finish: (value: string) => void } {
  let finish!: (value: string) => void;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  return { promise, finish };
}

describe('renderSlots', () => {
  it('runs at most maxRunning at once, queues maxWaiting, refuses the next at once, and starts the queued in order', async () => {
    const slots = renderSlots(2, 1);
    const started: string[] = [];
    const work = ['a', 'b', 'c'].map((name) => ({ name, ...deferred() }));
    const results = work.map(({ name, promise }) =>
      slots(() => {
        started.push(name);
        return promise;
      }),
    );
    await Promise.resolve();
    // a and b run, c waits
    expect(started).toEqual(['a', 'b']);
    await expect(slots(async () => 'd')).rejects.toThrow(RenderBusyError);
    work[0].finish('A');
    expect(await results[0]).toBe('A');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    work[1].finish('B');
    work[2].finish('C');
    expect(await Promise.all(results)).toEqual(['A', 'B', 'C']);
    // all slots free again: four in a row each run
    for (const name of ['e', 'f', 'g', 'h']) expect(await slots(async () => name)).toBe(name);
  });

  it('frees the slot when the work fails', async () => {
    const slots = renderSlots(1, 0);
    await expect(slots(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots(async () => 'next')).toBe('next');
  });

  it('refuses bounds that make no sense', () => {
    expect(() => renderSlots(0, 1)).toThrow(RangeError);
    expect(() => renderSlots(1, -1)).toThrow(RangeError);
  });
});
