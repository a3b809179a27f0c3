import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROUTER_ERROR_CODES,
  RouterError,
  errorBody,
  errorResponse,
  routerError,
  type RouterErrorCode,
  type RouterErrorDetails,
} from '../../src/core/errors.js';
import type { CallerFormat } from '../../src/core/types.js';
import { CALLER_SHAPES } from '../../src/dialects/caller-shapes.js';

/** Every code SPEC §3.5 lists, plus invalid_body, with the status the spec gives it. */
const EXPECTED_STATUS: Record<RouterErrorCode, number> = {
  missing_start_within: 400,
  invalid_start_within: 400,
  service_tier_not_allowed: 400,
  missing_model: 400,
  missing_input: 400,
  unknown_model: 400,
  model_not_flex_capable: 400,
  flex_unsupported_for_anthropic: 400,
  auto_unsupported_for_gemini: 400,
  missing_max_tokens: 400,
  unsupported_feature: 400,
  invalid_json: 400,
  invalid_body: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  invalid_api_key: 401,
  no_byok_key: 401,
  payment_required: 402,
  flex_failed_after_start: 502,
  upstream_unreachable: 502,
  not_found: 404,
  method_not_allowed: 405,
  request_refused: 403,
};

const FORMATS: readonly CallerFormat[] = ['openai-responses', 'openai-chat', 'anthropic-messages', 'gemini-interactions'];

/** Splits "<what> <why> <fix> Example: <json>" and returns the prose and the parsed example. */
function splitMessage(message: string): { prose: string; example: Record<string, unknown> } {
  const at = message.lastIndexOf(' Example: ');
  expect(at, `no "Example:" in: ${message}`).toBeGreaterThan(0);
  const example = JSON.parse(message.slice(at + ' Example: '.length)) as Record<string, unknown>;
  return { prose: message.slice(0, at), example };
}

/** Sentences of the prose part: what, why, fix (the fix may hold more than one sentence). */
function sentenceCount(prose: string): number {
  return prose.split(/(?<=[.!?])\s+(?=[A-Z"])/).filter((s) => s.trim().length > 0).length;
}

describe('routerError table', () => {
  it('covers exactly the codes of SPEC §3.5 plus invalid_body', () => {
    expect([...ROUTER_ERROR_CODES].sort()).toEqual(Object.keys(EXPECTED_STATUS).sort());
  });

  it.each(ROUTER_ERROR_CODES)('%s: status, code, type, param and a four-part message', (code) => {
    const err = routerError(code);
    expect(err).toBeInstanceOf(RouterError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(code);
    expect(err.status).toBe(EXPECTED_STATUS[code]);
    expect(err.param === null || typeof err.param === 'string').toBe(true);
    const { prose, example } = splitMessage(err.message);
    // what, why, and how to fix: at least three sentences before the example.
    expect(sentenceCount(prose)).toBeGreaterThanOrEqual(3);
    expect(typeof example.model).toBe('string');
    expect(typeof example.start_within).toBe('string');
  });

  it('gives error types consistent with the status', () => {
    const byStatus: Record<number, string> = {
      400: 'invalid_request_error',
      401: 'authentication_error',
      402: 'billing_error',
      404: 'not_found_error',
      403: 'permission_error',
      405: 'invalid_request_error',
      413: 'request_too_large',
      415: 'invalid_request_error',
      502: 'api_error',
    };
    for (const code of ROUTER_ERROR_CODES) expect(routerError(code).type).toBe(byStatus[routerError(code).status]);
  });

  it('names the right param for the request-contract codes', () => {
    expect(routerError('missing_start_within').param).toBe('start_within');
    expect(routerError('invalid_start_within').param).toBe('start_within');
    expect(routerError('service_tier_not_allowed').param).toBe('service_tier');
    expect(routerError('service_tier_not_allowed', { param: 'serviceTier' }).param).toBe('serviceTier');
    expect(routerError('missing_model').param).toBe('model');
    expect(routerError('unknown_model').param).toBe('model');
    expect(routerError('missing_max_tokens', { param: 'max_completion_tokens' }).param).toBe('max_completion_tokens');
    expect(routerError('unsupported_feature', { field: 'logprobs' }).param).toBe('logprobs');
    expect(routerError('invalid_json').param).toBeNull();
  });

  it('every example request is valid for its own contract, in every caller format', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUTER_ERROR_CODES),
        fc.constantFrom(...FORMATS),
        fc.constantFrom<RouterErrorDetails['provider']>('openai', 'gemini', 'anthropic', undefined),
        (code, format, provider) => {
          const { example } = splitMessage(routerError(code, { format: CALLER_SHAPES[format], ...(provider ? { provider } : {}) }).message);
          const sw = example.start_within as string;
          expect(['default', 'priority', 'auto'].includes(sw) || /^\d{2}h-\d{2}m-\d{2}s$/.test(sw)).toBe(true);
          const model = example.model as string;
          // An Anthropic example never asks for the flex race and always carries a token cap.
          if (model.startsWith('claude-')) {
            expect(sw).toBe('default');
            const capped =
              'max_tokens' in example ||
              'max_output_tokens' in example ||
              'max_completion_tokens' in example ||
              'generation_config' in example;
            expect(capped).toBe(true);
          }
          const inputField = format === 'openai-chat' || format === 'anthropic-messages' ? 'messages' : 'input';
          expect(example).toHaveProperty(inputField);
        },
      ),
    );
  });

  it('tells a caller who sent the retired "standard" to send "default"', () => {
    const err = routerError('invalid_start_within', { received: 'standard' });
    expect(err.message).toContain('"standard"');
    expect(err.message).toMatch(/send "default"/i);
    expect(splitMessage(err.message).example.start_within).toBe('default');
  });

  it('says body and header disagree when both are given', () => {
    const err = routerError('invalid_start_within', { received: 'default', headerValue: '00h-00m-30s' });
    expect(err.message).toContain('disagree');
    expect(err.message).toContain('"default"');
    expect(err.message).toContain('"00h-00m-30s"');
  });

  it('writes the example in the caller format', () => {
    const chat = splitMessage(routerError('missing_start_within', { format: CALLER_SHAPES['openai-chat'] }).message).example;
    expect(Array.isArray(chat.messages)).toBe(true);
    const messages = splitMessage(routerError('missing_max_tokens', { format: CALLER_SHAPES['anthropic-messages'], model: 'claude-haiku-4-5' }).message).example;
    expect(messages.max_tokens).toBe(1024);
    expect(messages.model).toBe('claude-haiku-4-5');
  });
});

describe('echoing received values', () => {
  it('JSON-quotes and truncates long values', () => {
    const long = 'x'.repeat(5000);
    const err = routerError('invalid_start_within', { received: long });
    expect(err.message.length).toBeLessThan(1500);
    expect(err.message).toContain(`"${'x'.repeat(60)}…"`);
  });

  it('quotes values so quotes and newlines inside them cannot break the message', () => {
    const err = routerError('invalid_start_within', { received: 'a"b\nc' });
    expect(err.message).toContain(JSON.stringify('a"b\nc'));
  });

  it('never echoes a value that looks like a key', () => {
    const keys = ['sk-proj-abcdefghijklmnopqrstuvwxyz012345', 'AIzaSyA1234567890abcdefghijklmnopqrstu', 'Bearer sk-ant-xyz', 'AbCdEfGh1234567890AbCdEfGh12345678'];
    for (const key of keys) {
      for (const code of ROUTER_ERROR_CODES) {
        const message = routerError(code, { received: key, model: key, headerValue: key, path: key, method: key }).message;
        expect(message).not.toContain(key);
      }
    }
  });

  it('never echoes a key hidden in a longer value or a query string', () => {
    const key = 'AIzaSyA1234567890abcdefghijklmnopqrstu';
    expect(routerError('not_found', { path: `/v1beta/models/x:generateContent?key=${key}` }).message).not.toContain(key);
    expect(routerError('not_found', { path: `/v1beta/models/x:generateContent?key=${key}` }).message).toContain('generateContent');
    const pasted = routerError('invalid_start_within', { received: `default sk-proj-abcdefghijklmno` }).message;
    expect(pasted).not.toContain('sk-proj-abcdefghijklmno');
    expect(pasted).toContain('[redacted]');
    // Ordinary words that merely contain a key prefix are left alone.
    expect(routerError('unknown_model', { model: 'task-model-7' }).message).toContain('"task-model-7"');
  });

  it('never echoes anything for the authentication codes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.constantFrom<RouterErrorCode>('invalid_api_key', 'no_byok_key'), (value, code) => {
        const marker = `SECRET${value}`;
        expect(routerError(code, { received: marker }).message).not.toContain(marker);
      }),
    );
  });

  it('describes non-string values by kind rather than dumping them', () => {
    const err = routerError('invalid_start_within', { received: { nested: 'sk-should-not-appear' } });
    expect(err.message).not.toContain('sk-should-not-appear');
    expect(routerError('invalid_start_within', { received: 30 }).message).toContain('30');
  });
});

describe('errorBody and errorResponse', () => {
  it('has the exact SPEC §3.5 shape', () => {
    const err = routerError('missing_start_within');
    expect(errorBody(err)).toEqual({
      type: 'error',
      error: { message: err.message, type: 'invalid_request_error', param: 'start_within', code: 'missing_start_within' },
    });
  });

  it.each(ROUTER_ERROR_CODES)('%s: a JSON response with the status and body', async (code) => {
    const err = routerError(code);
    const res = errorResponse(err);
    expect(res.status).toBe(EXPECTED_STATUS[code]);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'type']);
    expect(body.type).toBe('error');
    const inner = body.error as Record<string, unknown>;
    expect(Object.keys(inner).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(inner.code).toBe(code);
    expect(inner.message).toBe(err.message);
  });

  it('merges caller headers, keeping the JSON content type', () => {
    const res = errorResponse(routerError('method_not_allowed', { method: 'PUT' }), {
      Allow: 'GET, POST',
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});
