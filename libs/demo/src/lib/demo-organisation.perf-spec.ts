import { generateDemoOrganisation } from './demo-organisation';

describe('generateDemoOrganisation on a large organisation', () => {
  it('streams with bounded memory', () => {
    const big = generateDemoOrganisation({ seed: 9 });
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = before;
    for (const _ of big.events({ targetEvents: 600_000 })) {
      if (++count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBeGreaterThan(500_000);
    // 600k retained events would need several hundred MB; one day of activity needs a few.
    expect((peak - before) / 1e6).toBeLessThan(120);
  });
});
