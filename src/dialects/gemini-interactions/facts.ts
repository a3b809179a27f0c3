import type { DialectFacts } from '../ir/facts.js';

export const GEMINI_INTERACTIONS_FACTS: DialectFacts = {
  id: 'gemini-interactions',
  provider: 'gemini',
  name: 'Gemini Interactions',
  inputField: 'input',
  tokenCapFields: ['generation_config.max_output_tokens'],
  tierField: 'service_tier',
  servedTierAt: ['service_tier'],
  eventTypeField: 'event_type',
  servedTierHeader: undefined,
  streamField: 'stream',
  streamUsageOption: undefined,
  modelPrefix: 'models/',
};
