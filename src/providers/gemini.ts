import { GEMINI_GENERATE_FACTS } from '../dialects/gemini-generate/facts.js';
import { stripModelPrefix } from '../dialects/facts.js';
import type { ProviderSpec } from './provider.js';

/** The Interactions API revision the router speaks (SPEC §5). */
export const GEMINI_INTERACTIONS_REVISION = '2026-05-20';

/**
 * Gemini: base URL as `@google/genai` writes it (`https://generativelanguage.googleapis.com`),
 * key in `x-goog-api-key`. generateContent streams through a different method name
 * (`:streamGenerateContent?alt=sse`); Interactions streams with `stream: true` in the body.
 */
export const geminiProvider: ProviderSpec = {
  id: 'gemini',
  dialects: ['gemini-generate', 'gemini-interactions'],
  endpoint(baseUrl, dialect, model, stream) {
    if (dialect === 'gemini-interactions') return `${baseUrl}/v1beta/interactions`;
    if (dialect !== 'gemini-generate') throw new Error(`Gemini does not speak the ${dialect} dialect`);
    const id = encodeURIComponent(stripModelPrefix(GEMINI_GENERATE_FACTS, model));
    return stream ? `${baseUrl}/v1beta/models/${id}:streamGenerateContent?alt=sse` : `${baseUrl}/v1beta/models/${id}:generateContent`;
  },
  headers(key, dialect): Record<string, string> {
    if (dialect === 'gemini-interactions') return { 'x-goog-api-key': key, 'api-revision': GEMINI_INTERACTIONS_REVISION };
    return { 'x-goog-api-key': key };
  },
};
