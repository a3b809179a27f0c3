import type { ProviderId } from '../core/types.js';

/** Default upstream base URLs, written as each provider's official SDK writes them. */
export const DEFAULT_UPSTREAMS: Readonly<Record<ProviderId, string>> = {
  openai: 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com',
  anthropic: 'https://api.anthropic.com',
};

/** Environment variable names per provider (SPEC §6 and §8). */
export const PROVIDER_ENV: Readonly<Record<ProviderId, { key: string; baseUrl: string }>> = {
  openai: { key: 'OPENAI_API_KEY', baseUrl: 'FLEXROUTE_OPENAI_BASE_URL' },
  gemini: { key: 'GEMINI_API_KEY', baseUrl: 'FLEXROUTE_GEMINI_BASE_URL' },
  anthropic: { key: 'ANTHROPIC_API_KEY', baseUrl: 'FLEXROUTE_ANTHROPIC_BASE_URL' },
};
