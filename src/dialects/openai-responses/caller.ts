import type { CallerShape } from '../../core/errors.js';
import { OPENAI_RESPONSES_FACTS as facts } from './facts.js';

/** What router errors need of this format: its field names, and a request that works, written in it. */
export const OPENAI_RESPONSES_CALLER: CallerShape = {
  id: 'openai-responses',
  facts,
  exampleRequest: ({ model, startWithin, needsTokenCap }) => ({
    model,
    input: 'Say hello.',
    ...(needsTokenCap ? { max_output_tokens: 1024 } : {}),
    start_within: startWithin,
  }),
};
