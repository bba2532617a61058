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

describe('the demo e-mail usage of the default organisation', () => {
  it('streams its figures with bounded memory, in seconds', () => {
    const demo = generateDemoOrganisation();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    let count = 0;
    let peak = before;
    for (const _ of demo.usage()) {
      if (++count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    // 2,000 people × 266 days: ~1,900 a working day and metric, a tenth on off days (seed 42: 746,075 rows)
    expect(count).toBeGreaterThan(700_000);
    expect(Math.abs(count - demo.expectedUsage()) / count).toBeLessThan(0.02);
    // Retained, 746k figures would need well over 100 MB; the generator holds the directory's rates only.
    expect((peak - before) / 1e6).toBeLessThan(60);
    // About 1 s outside Jest; a generous bound for a loaded machine.
    expect(seconds).toBeLessThan(20);
  });
});
