import type { DialectFacts } from '../ir/facts.js';

export const GEMINI_GENERATE_FACTS: DialectFacts = {
  id: 'gemini-generate',
  provider: 'gemini',
  name: 'Gemini generateContent',
  inputField: 'contents',
  tokenCapFields: ['generationConfig.maxOutputTokens'],
  tierField: 'serviceTier',
  servedTierAt: ['usageMetadata.serviceTier', 'serviceTier'],
  eventTypeField: undefined,
  servedTierHeader: 'x-gemini-service-tier',
  streamField: undefined,
  streamUsageOption: undefined,
  modelPrefix: 'models/',
};
