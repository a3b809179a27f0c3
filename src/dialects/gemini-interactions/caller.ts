import type { CallerShape } from '../../core/errors.js';
import { GEMINI_INTERACTIONS_FACTS as facts } from './facts.js';

/** What router errors need of this format: its field names, and a request that works, written in it. */
export const GEMINI_INTERACTIONS_CALLER: CallerShape = {
  id: 'gemini-interactions',
  facts,
  exampleRequest: ({ model, startWithin, needsTokenCap }) => ({
    model,
    input: 'Say hello.',
    ...(needsTokenCap ? { generation_config: { max_output_tokens: 1024 } } : {}),
    start_within: startWithin,
  }),
};
