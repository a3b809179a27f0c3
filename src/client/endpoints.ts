import type { CallerFormat } from '../core/types.js';

/** Where each caller format is sent, below the client's base URL (which ends in `/v1`). Data, not code. */
export const ENDPOINTS = {
  responses: { path: '/responses', format: 'openai-responses' },
  chatCompletions: { path: '/chat/completions', format: 'openai-chat' },
  interactions: { path: '/interactions', format: 'gemini-interactions' },
  messages: { path: '/messages', format: 'anthropic-messages' },
} as const satisfies Record<string, EndpointSpec>;

/** One endpoint: its path and the caller format the router reads there. */
export interface EndpointSpec {
  path: string;
  format: CallerFormat;
}
