import { describe, expect, it } from 'vitest';
import { codecs } from '../../src/dialects/codecs.js';
import { callerDialects, dialects } from '../../src/dialects/index.js';
import { checkCallerBody } from '../../src/middleware/read-request/validate.js';
import { matchRoute } from '../../src/middleware/endpoints/routes.js';
import type { SseEvent } from '../../src/sse/events.js';

const sse = (event: string | undefined, data: unknown): SseEvent => ({ event, data: JSON.stringify(data) }) as SseEvent;

// SPEC §4's start-evidence table, as each dialect object classifies it.
const EVIDENCE: Record<string, [SseEvent, string][]> = {
  'openai-responses': [
    [sse('response.created', { type: 'response.created' }), 'bookkeeping'],
    [sse('response.in_progress', { type: 'response.in_progress' }), 'bookkeeping'],
    [sse('response.output_item.added', { type: 'response.output_item.added' }), 'start'],
    [sse(undefined, { type: 'response.output_text.delta', delta: 'Hi' }), 'start'],
    [sse('response.failed', { type: 'response.failed' }), 'error'],
  ],
  'openai-chat': [
    [sse(undefined, { choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }), 'bookkeeping'],
    [sse(undefined, { choices: [{ index: 0, delta: { content: 'Hi' } }] }), 'start'],
    [sse(undefined, { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '' } }] } }] }), 'start'],
  ],
  'anthropic-messages': [
    [sse('message_start', { type: 'message_start', message: {} }), 'bookkeeping'],
    [sse('ping', { type: 'ping' }), 'bookkeeping'],
    [sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }), 'start'],
  ],
  'gemini-generate': [[sse(undefined, { candidates: [{ content: { parts: [{ text: 'Hi' }] } }] }), 'start']],
  'gemini-interactions': [
    [sse('interaction.created', { event_type: 'interaction.created' }), 'bookkeeping'],
    [sse('interaction.status_update', { event_type: 'interaction.status_update' }), 'bookkeeping'],
    [sse('step.start', { event_type: 'step.start', index: 0, step: { type: 'model_output' } }), 'start'],
  ],
};

describe('the dialect objects', () => {
  for (const dialect of Object.values(dialects)) {
    it(`${dialect.id}: one object whose parts agree with its facts`, () => {
      expect(dialect.facts.id).toBe(dialect.id);
      expect(dialect.provider).toBe(dialect.facts.provider);
      expect(dialect.codec).toBe(codecs[dialect.id]);
      expect(dialect.stream.dialect).toBe(dialect.id);
      expect(dialect.codec.tierField).toBe(dialect.facts.tierField);
      expect(typeof dialect.createStreamDecoder().push).toBe('function');
      expect(dialect.tierWord('standard')).toBeDefined();
    });

    it(`${dialect.id}: classifies the start evidence of SPEC §4`, () => {
      for (const [event, expected] of EVIDENCE[dialect.id]!) expect(dialect.stream.rules.classify(event), event.data).toBe(expected);
    });
  }

  for (const caller of Object.values(callerDialects)) {
    it(`${caller.id}: its paths are the router's endpoints, and its example request is one the router accepts`, () => {
      for (const path of caller.paths) expect(matchRoute(path, 'POST')).toEqual({ type: 'ok', endpoint: { kind: 'generate', format: caller.id } });
      for (const needsTokenCap of [false, true]) {
        const example = caller.exampleRequest({ model: needsTokenCap ? 'claude-sonnet-4-5' : 'gpt-5-mini', startWithin: 'default', needsTokenCap });
        const { body } = checkCallerBody(structuredClone(example), caller.id, null);
        expect(body).toHaveProperty(caller.facts.inputField);
        if (needsTokenCap) expect(codecs[caller.id].hasTokenCap(body)).toBe(true);
      }
    });
  }

  it('Anthropic has no flex word: flex is written as standard', () => {
    expect(dialects['anthropic-messages'].tierWord('flex')).toBe('standard');
    expect(dialects['openai-responses'].tierWord('flex')).toBe('flex');
    expect(dialects['openai-chat'].tierWord('standard')).toBe('default');
  });
});
