import type { ProviderSpec } from './provider.js';

const PATHS = {
  'openai-responses': '/responses',
  'openai-chat': '/chat/completions',
} as const;

/** OpenAI: base URL as the SDK writes it (`https://api.openai.com/v1`), Bearer auth. */
export const openaiProvider: ProviderSpec = {
  id: 'openai',
  dialects: ['openai-responses', 'openai-chat'],
  endpoint(baseUrl, dialect) {
    const path = PATHS[dialect as keyof typeof PATHS];
    if (!path) throw new Error(`OpenAI does not speak the ${dialect} dialect`);
    return baseUrl + path;
  },
  headers: (key) => ({ authorization: `Bearer ${key}` }),
};
