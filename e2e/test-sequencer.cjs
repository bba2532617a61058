// The browser files run on two Jest workers, longest first. Jest orders files it has no timings for by size,
// which would start the shared demo product's file (small: its suites live in *.suite.ts) last, so one
// worker would run it alone after the others finished. Measured, alone, on an idle 2-core machine: demo
// product 159 s (46 tests), product lifecycle 36 s, Viva Engage upload 33 s, security 19 s.
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = ['demo-product', 'viva-engage', 'product', 'security'];

const rank = (testPath) => {
  const name = require('node:path').basename(testPath, '.e2e-spec.ts');
  const index = LONGEST_FIRST.indexOf(name);
  return index === -1 ? LONGEST_FIRST.length : index;
};

class LongestFirst extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = LongestFirst;
