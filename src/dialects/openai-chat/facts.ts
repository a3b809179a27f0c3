import type { DialectFacts } from '../ir/facts.js';

export const OPENAI_CHAT_FACTS: DialectFacts = {
  id: 'openai-chat',
  provider: 'openai',
  name: 'OpenAI Chat Completions',
  inputField: 'messages',
  tokenCapFields: ['max_completion_tokens', 'max_tokens'],
  tierField: 'service_tier',
  servedTierAt: ['service_tier'],
  eventTypeField: undefined,
  servedTierHeader: undefined,
  streamField: 'stream',
  streamUsageOption: 'stream_options.include_usage',
  modelPrefix: undefined,
};
