/** A render was refused because as many are running and waiting as the process allows. */
export class RenderBusyError extends Error {
  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {
    super(`${running} documents are being rendered and ${waiting} are waiting: try again in a few seconds`);
    this.name = 'RenderBusyError';
  }
}

/**
 * At most `maxRunning` pieces of work at once, at most `maxWaiting` more in line; beyond that, a RenderBusyError
 * at once. Rendering a PDF, a deck or a digest with charts takes a core for a second or two: without a bound a
 * few users asking at the same time (or one asking on purpose) would starve every other request of the API.
 */
export function renderSlots(
  maxRunning: number,
  maxWaiting: number,
): <T>(work: () => Promise<T>) => Promise<T> {
  if (!(Number.isInteger(maxRunning) && maxRunning >= 1))
    throw new RangeError('maxRunning must be at least 1');
  if (!(Number.isInteger(maxWaiting) && maxWaiting >= 0))
    throw new RangeError('maxWaiting must be at least 0');
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= maxRunning) {
      if (waiting.length >= maxWaiting) throw new RenderBusyError(running, waiting.length);
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await work();
    } finally {
      release();
    }
  };
}

/** The process's slots for documents and previews with charts: two at a time (this is a 2-core target), eight waiting. */
export const withRenderSlot = renderSlots(2, 8);
