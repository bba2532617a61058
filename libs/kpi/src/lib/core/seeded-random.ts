/**
 * mulberry32: a tiny 32-bit PRNG. Good enough for resampling residuals, and written here so a forecast is
 * reproducible from its seed alone (no dependency whose sequence could change between versions).
 * Returns a generator of floats in [0, 1).
 */
// Bound once: inside Jest's VM context every look-up of the global Math costs about a microsecond, and a
// bootstrap draws millions of numbers.
const { imul } = Math;

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = imul(z ^ (z >>> 15), z | 1);
    z ^= z + imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
