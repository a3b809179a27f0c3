import type { CallerShape } from '../../core/errors.js';
import { OPENAI_CHAT_FACTS as facts } from './facts.js';

/** What router errors need of this format: its field names, and a request that works, written in it. */
export const OPENAI_CHAT_CALLER: CallerShape = {
  id: 'openai-chat',
  facts,
  exampleRequest: ({ model, startWithin, needsTokenCap }) => ({
    model,
    messages: [{ role: 'user', content: 'Say hello.' }],
    ...(needsTokenCap ? { max_completion_tokens: 1024 } : {}),
    start_within: startWithin,
  }),
};
