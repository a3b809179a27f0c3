import { describe, expect, it } from 'vitest';
import type { CallerFormat } from '../../src/core/types.js';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';

// Every router error a caller can meet ends with an example request written in the caller's own
// format: the fields its SDK sends, so the fix can be copied as it is.
const PATH: Record<CallerFormat, string> = {
  'openai-responses': '/v1/responses',
  'openai-chat': '/v1/chat/completions',
  'anthropic-messages': '/v1/messages',
  'gemini-interactions': '/v1beta/interactions',
};
const INPUT: Record<CallerFormat, string> = { 'openai-responses': 'input', 'openai-chat': 'messages', 'anthropic-messages': 'messages', 'gemini-interactions': 'input' };
const input = (format: CallerFormat) => (INPUT[format] === 'messages' ? [{ role: 'user', content: 'Hi' }] : 'Hi');
const cap = (format: CallerFormat): Record<string, unknown> =>
  ({ 'openai-responses': { max_output_tokens: 50 }, 'openai-chat': { max_completion_tokens: 50 }, 'anthropic-messages': { max_tokens: 50 }, 'gemini-interactions': { generation_config: { max_output_tokens: 50 } } })[format];

const base: RouterOptions = { env: {}, keys: { openai: 'sk-test', gemini: 'g-test', anthropic: 'sk-ant-test' }, upstreams: { openai: 'http://127.0.0.1:1/v1', gemini: 'http://127.0.0.1:1', anthropic: 'http://127.0.0.1:1' } };

/** Code → how to provoke it: the body (or raw text), headers, method and router options. */
function cases(format: CallerFormat): Record<string, { body?: unknown; raw?: string; headers?: Record<string, string>; method?: string; options?: RouterOptions }> {
  const ok = { model: 'gpt-5-mini', [INPUT[format]]: input(format), ...cap(format) };
  return {
    missing_start_within: { body: ok },
    invalid_start_within: { body: { ...ok, start_within: '30s' } },
    service_tier_not_allowed: { body: { ...ok, start_within: 'default', service_tier: 'flex' } },
    missing_model: { body: { [INPUT[format]]: input(format), start_within: 'default' } },
    missing_input: { body: { model: 'gpt-5-mini', start_within: 'default' } },
    unknown_model: { body: { ...ok, model: 'llama-9', start_within: 'default' } },
    model_not_flex_capable: { body: { ...ok, model: 'gpt-4o', start_within: '00h-00m-30s' } },
    flex_unsupported_for_anthropic: { body: { ...ok, model: 'claude-sonnet-4-5', start_within: '00h-00m-30s' } },
    auto_unsupported_for_gemini: { body: { ...ok, model: 'gemini-2.5-flash', start_within: 'auto' } },
    missing_max_tokens: { body: { model: 'claude-sonnet-4-5', [INPUT[format]]: input(format), start_within: 'default' } },
    invalid_json: { raw: '{"model": ' },
    invalid_body: { body: [1] },
    body_too_large: { body: { ...ok, start_within: 'default', pad: 'x'.repeat(2000) }, options: { maxBodyBytes: 1000 } },
    unsupported_media_type: { raw: JSON.stringify(ok), headers: { 'content-type': 'text/plain' } },
    method_not_allowed: { method: 'PUT', raw: '{}' },
    invalid_api_key: { body: { ...ok, start_within: 'default' }, options: { authenticate: () => undefined } },
    no_byok_key: { body: { ...ok, start_within: 'default' }, options: { keys: {} } },
    payment_required: { body: { ...ok, start_within: '00h-00m-30s' }, options: { allowFlex: () => false } },
    upstream_unreachable: { body: { ...ok, start_within: 'default' } },
  };
}

describe('router errors show their example in the caller format', () => {
  for (const format of Object.keys(PATH) as CallerFormat[]) {
    for (const [code, c] of Object.entries(cases(format))) {
      it(`${format}: ${code}`, async () => {
        const router = createRouter({ ...base, ...c.options });
        const res = await router(
          new Request(`http://router.test${PATH[format]}`, {
            method: c.method ?? 'POST',
            headers: { 'content-type': 'application/json', ...c.headers },
            body: c.raw ?? JSON.stringify(c.body),
          }),
        );
        const error = ((await res.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).toBe(code);
        const example = JSON.parse(error.message.slice(error.message.lastIndexOf('Example: ') + 'Example: '.length)) as Record<string, unknown>;
        expect(example).toHaveProperty(INPUT[format]);
        expect(example).toHaveProperty('start_within');
        if (INPUT[format] === 'messages') expect(example).not.toHaveProperty('input');
        if (format === 'anthropic-messages') expect(example).toHaveProperty('max_tokens');
      });
    }
  }
});
