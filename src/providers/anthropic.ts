import type { ProviderSpec } from './provider.js';

/** The Messages API version header value the router speaks (SPEC §5). */
export const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic: base URL as `@anthropic-ai/sdk` writes it (`https://api.anthropic.com`), key in `x-api-key`. */
export const anthropicProvider: ProviderSpec = {
  id: 'anthropic',
  dialects: ['anthropic-messages'],
  endpoint(baseUrl, dialect) {
    if (dialect !== 'anthropic-messages') throw new Error(`Anthropic does not speak the ${dialect} dialect`);
    return `${baseUrl}/v1/messages`;
  },
  headers: (key) => ({ 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION }),
};
