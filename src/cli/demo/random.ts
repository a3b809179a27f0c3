/**
 * The demo draws its workload and its slow-start tail from the simulator's seeded PRNG
 * (mulberry32), so a run repeats exactly for a given `--seed`. Not for anything secret.
 */
export { mulberry32 as seededRandom } from '../../simulator/random.js';

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
