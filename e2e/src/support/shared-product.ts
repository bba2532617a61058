import * as fs from 'node:fs';
import { scratchDataDir, startProductOnFreePorts, type RunningProduct } from './product';

/** The product the demo-organisation suites share: one start (about 45 s) instead of one per suite. */
export interface SharedProduct {
  /** The running product; only valid inside the suites' hooks and tests. */
  product(): RunningProduct;
}

/**
 * Starts the product like `npm start` (demo organisation loaded) before the first suite of the calling test
 * file and stops it after the last. The suites run in the order they are registered: the ones that only read
 * the demo first, then the ones that change it (a plan's phase, a new source, the organisation's settings),
 * none of which depends on what the others changed.
 */
export function sharedDemoProduct(): SharedProduct {
  let running: RunningProduct | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = scratchDataDir();
    running = await startProductOnFreePorts({ dataDir });
  }, 200_000);
  afterAll(async () => {
    await running?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    product: () => {
      if (!running) throw new Error('the shared product is not running (it failed to start: see beforeAll)');
      return running;
    },
  };
}
