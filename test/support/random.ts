// A small deterministic generator for tests that need many cheap random words (fuzzed guests,
// TLB contents) outside fast-check: xorshift32, never stuck at zero.

/** xorshift32 from `seed` (0 is replaced, as it would stay 0): unsigned 32-bit values. */
export function xorshift(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}
