import type { CallerFormat, DialectId, ProviderId } from '../../core/types.js';

/**
 * Which dialect a caller format speaks to each provider (SPEC §5): the caller's own dialect when
 * the provider speaks it (bytes pass through), otherwise the provider's closest one.
 */
const UPSTREAM_DIALECT: Readonly<Record<CallerFormat, Record<ProviderId, DialectId>>> = {
  'openai-responses': { openai: 'openai-responses', gemini: 'gemini-generate', anthropic: 'anthropic-messages' },
  'openai-chat': { openai: 'openai-chat', gemini: 'gemini-generate', anthropic: 'anthropic-messages' },
  'anthropic-messages': { openai: 'openai-responses', gemini: 'gemini-generate', anthropic: 'anthropic-messages' },
  'gemini-interactions': { openai: 'openai-responses', gemini: 'gemini-interactions', anthropic: 'anthropic-messages' },
};

export function upstreamDialect(format: CallerFormat, provider: ProviderId): DialectId {
  return UPSTREAM_DIALECT[format][provider];
}
