/**
 * The demo's workload: a seeded mix of what an app sends in a day, as data. Most requests can
 * wait a few seconds (durations), some cannot (`default`, `priority`, `auto`); half use the
 * Responses API and half Chat Completions; half stream.
 */
import { pickWeighted, seededRandom } from './random.js';

/** One request of the workload. */
export interface WorkItem {
  /** 1, 2, 3… in the order they are sent. */
  id: number;
  api: 'responses' | 'chat';
  stream: boolean;
  model: string;
  startWithin: string;
  prompt: string;
}

/** `start_within` values and how often each is sent. */
export const START_WITHIN_MIX: readonly (readonly [string, number])[] = [
  ['00h-00m-05s', 50],
  ['00h-00m-10s', 25],
  ['default', 12],
  ['priority', 6],
  ['auto', 7],
];

/** Flex-capable models with list prices in the catalog. */
export const DEMO_MODELS: readonly (readonly [string, number])[] = [
  ['gpt-5-mini', 50],
  ['gpt-5', 25],
  ['gpt-5-nano', 15],
  ['gpt-5.4-mini', 10],
];

const PROMPTS: readonly string[] = [
  'Summarise this support ticket in two sentences.',
  'Classify the sentiment of this product review.',
  'Extract the invoice number and total from this email.',
  'Translate this release note into French.',
  'Write a one-line commit message for this diff.',
  'Suggest three titles for this blog post.',
  'Explain this stack trace to a junior engineer.',
  'Turn these meeting notes into action items.',
];

/**
 * `count` requests drawn from the mixes above with `seed`.
 *
 * @example
 * buildWorkload(80, 1).filter((item) => item.stream).length; // about 40
 */
export function buildWorkload(count: number, seed: number, window?: string): WorkItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const api = random() < 0.5 ? 'responses' : 'chat';
    const stream = random() < 0.5;
    const model = pickWeighted(DEMO_MODELS, random());
    const drawn = pickWeighted(START_WITHIN_MIX, random());
    return {
      id: index + 1,
      api,
      stream,
      model,
      // `--window`: every request that can wait waits this long (the draws stay the same).
      startWithin: window !== undefined && drawn.endsWith('s') ? window : drawn,
      prompt: PROMPTS[Math.floor(random() * PROMPTS.length)]!,
    };
  });
}

/** The same workload with every request on `default`: the all-standard baseline. */
export function asBaseline(items: readonly WorkItem[]): WorkItem[] {
  return items.map((item) => ({ ...item, startWithin: 'default' }));
}
