import * as fs from 'node:fs';
import type { RunningStore } from '@uptake/infra-embedded';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __uptakeStores?: { stores: RunningStore[]; scratch: string } })
    .__uptakeStores;
  if (!state) return;
  for (const store of state.stores.reverse()) await store.stop();
  fs.rmSync(state.scratch, { recursive: true, force: true });
}
