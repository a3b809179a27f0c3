import type { DialectFacts } from '../ir/facts.js';

export const OPENAI_RESPONSES_FACTS: DialectFacts = {
  id: 'openai-responses',
  provider: 'openai',
  name: 'OpenAI Responses',
  inputField: 'input',
  tokenCapFields: ['max_output_tokens'],
  tierField: 'service_tier',
  servedTierAt: ['service_tier'],
  eventTypeField: 'type',
  servedTierHeader: undefined,
  streamField: 'stream',
  streamUsageOption: undefined,
  modelPrefix: undefined,
};
