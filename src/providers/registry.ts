import type { ProviderId } from '../core/types.js';
import { anthropicProvider } from './anthropic.js';
import { geminiProvider } from './gemini.js';
import { openaiProvider } from './openai.js';
import type { ProviderSpec } from './provider.js';

/** Every provider the router can reach, by id. */
export const PROVIDERS: Readonly<Record<ProviderId, ProviderSpec>> = {
  openai: openaiProvider,
  gemini: geminiProvider,
  anthropic: anthropicProvider,
};
