/**
 * A seeded PRNG (mulberry32): the demo's workload and its slow-start tail repeat exactly for a
 * given `--seed`. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks from weighted choices with a uniform draw in [0, 1). */
export function pickWeighted<T>(choices: readonly (readonly [T, number])[], draw: number): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let left = draw * total;
  for (const [value, weight] of choices) {
    if (left < weight) return value;
    left -= weight;
  }
  return choices[choices.length - 1]![0];
}
