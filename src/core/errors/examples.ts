/** The example request every router error message ends with, written in the caller's format. */
import type { ProviderId } from '../types.js';
import type { ExampleSpec, RouterErrorDetails } from './codes.js';
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
 * A request body that works, in the caller's format (its dialect writes it). Anthropic-bound
 * examples carry a token cap, so copying the example never trips `missing_max_tokens`.
 */
export function exampleRequest(d: RouterErrorDetails, choice: ExampleChoice = {}): Record<string, unknown> {
  const wanted = choice.model ?? usableModel(d.model);
  const provider = providerOf(d, wanted);
  const spec: ExampleSpec = {
    model: wanted ?? EXAMPLE_MODEL[provider],
    startWithin: choice.startWithin ?? (provider === 'anthropic' ? 'default' : '00h-00m-30s'),
    needsTokenCap: provider === 'anthropic',
  };
  return d.format ? d.format.exampleRequest(spec) : plainExample(spec);
}

/** Without a known caller format: the plainest body, `model`, `input`, `start_within`. */
function plainExample({ model, startWithin, needsTokenCap }: ExampleSpec): Record<string, unknown> {
  return { model, input: 'Say hello.', ...(needsTokenCap ? { max_output_tokens: 1024 } : {}), start_within: startWithin };
}
