/** The example request every router error message ends with, written in the caller's format. */
import type { ProviderId } from '../types.js';
import type { RouterErrorDetails } from './codes.js';
import { usableModel } from './redact.js';

const EXAMPLE_MODEL: Record<ProviderId, string> = {
  openai: 'gpt-5-mini',
  gemini: 'gemini-2.5-flash',
  anthropic: 'claude-sonnet-4-5',
};

export interface ExampleChoice {
  model?: string;
  startWithin?: string;
}

function providerOf(d: RouterErrorDetails, model: string | undefined): ProviderId {
  if (d.provider) return d.provider;
  if (model?.startsWith('claude-')) return 'anthropic';
  if (model?.startsWith('gemini-')) return 'gemini';
  return 'openai';
}

/**
 * A request body that works, in the caller's format. Anthropic-bound examples carry the token
 * cap in the field that format uses, so copying the example never trips `missing_max_tokens`.
 */
export function exampleRequest(d: RouterErrorDetails, choice: ExampleChoice = {}): Record<string, unknown> {
  const wanted = choice.model ?? usableModel(d.model);
  const provider = providerOf(d, wanted);
  const model = wanted ?? EXAMPLE_MODEL[provider];
  const startWithin = choice.startWithin ?? (provider === 'anthropic' ? 'default' : '00h-00m-30s');
  const needsCap = provider === 'anthropic';
  const userMessage = [{ role: 'user', content: 'Say hello.' }];
  switch (d.format ?? 'openai-responses') {
    case 'openai-chat':
      return { model, messages: userMessage, ...(needsCap ? { max_completion_tokens: 1024 } : {}), start_within: startWithin };
    case 'anthropic-messages':
      return { model, max_tokens: 1024, messages: userMessage, start_within: startWithin };
    case 'gemini-interactions':
      return {
        model,
        input: 'Say hello.',
        ...(needsCap ? { generation_config: { max_output_tokens: 1024 } } : {}),
        start_within: startWithin,
      };
    case 'openai-responses':
      return { model, input: 'Say hello.', ...(needsCap ? { max_output_tokens: 1024 } : {}), start_within: startWithin };
  }
}
