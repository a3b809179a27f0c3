import type { CallerShape } from '../../core/errors.js';
import { ANTHROPIC_MESSAGES_FACTS as facts } from './facts.js';

/** What router errors need of this format: its field names, and a request that works, written in it. */
export const ANTHROPIC_MESSAGES_CALLER: CallerShape = {
  id: 'anthropic-messages',
  facts,
  exampleRequest: ({ model, startWithin }) => ({
    model,
    max_tokens: 1024, // Messages requires it, whatever the provider
    messages: [{ role: 'user', content: 'Say hello.' }],
    start_within: startWithin,
  }),
};
