import type { ProviderId } from '../core/types.js';
import { openaiProvider } from './openai.js';
import type { ProviderSpec } from './provider.js';

/** Every provider the router can reach, by id. */
export const PROVIDERS: Partial<Record<ProviderId, ProviderSpec>> = {
  openai: openaiProvider,
};
