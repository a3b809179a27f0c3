import type { DialectFacts } from '../ir/facts.js';

export const ANTHROPIC_MESSAGES_FACTS: DialectFacts = {
  id: 'anthropic-messages',
  provider: 'anthropic',
  name: 'Anthropic Messages',
  inputField: 'messages',
  tokenCapFields: ['max_tokens'],
  tierField: 'service_tier',
  servedTierAt: ['usage.service_tier'],
  eventTypeField: 'type',
  servedTierHeader: undefined,
  streamField: 'stream',
  streamUsageOption: undefined,
  modelPrefix: undefined,
};
