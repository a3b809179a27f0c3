/**
 * Whole-response assembly for non-streaming callers (SPEC §4.3) of the Anthropic Messages,
 * Gemini generateContent and Gemini Interactions streams: the recorded streams assemble into the
 * body the provider would have answered without streaming, the SDKs' own types hold, and a stream
 * that fails or stops early gives a failure, never a partial body. Streams produced by the
 * encoders assemble into the same answer as the stream they were translated from.
 */
import { describe, expect, it } from 'vitest';
import type { Assembly, DialectStream } from '../../src/core/commit/rules.js';
import type { DialectId } from '../../src/core/types.js';
import { anthropicMessagesStream } from '../../src/dialects/anthropic-messages/stream.js';
import { geminiGenerateStream } from '../../src/dialects/gemini-generate/stream.js';
import { geminiInteractionsStream } from '../../src/dialects/gemini-interactions/stream.js';
import { parseSseEvents, type SseEvent } from '../../src/sse/events.js';
import { transcriptEvents } from '../support/transcripts.js';
import { decodeText, encodeText, recordedStreams, sseText, summarize } from './support/streams.js';

function body(assembly: Assembly): Record<string, unknown> {
  if (!assembly.ok) throw new Error(`expected a body, got ${assembly.reason}: ${assembly.message}`);
  return assembly.body;
}

describe('Anthropic Messages: a Message from the events', () => {
  it('text: content, stop reason, usage merged from message_start and message_delta', () => {
    expect(body(anthropicMessagesStream.assemble(transcriptEvents('anthropic-text')))).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 30,
        service_tier: 'standard',
        inference_geo: 'not_available',
      },
    });
  });

  it('tool use: input parsed from the JSON deltas', () => {
    const message = body(anthropicMessagesStream.assemble(transcriptEvents('anthropic-json-tool.1')));
    expect(message['content']).toEqual([
      { type: 'tool_use', id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA', name: 'json', input: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] } },
    ]);
    expect(message['stop_reason']).toBe('tool_use');
  });

  it('refusal: no content, the refusal and its details kept', () => {
    const message = body(anthropicMessagesStream.assemble(transcriptEvents('anthropic-refusal')));
    expect(message).toMatchObject({ content: [], stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber' } });
  });

  it('thinking with its signature, in block order', () => {
    const events: SseEvent[] = [
      { event: 'message_start', data: '{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"c","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}' },
      { event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}' },
      { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see."}}' },
      { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig=="}}' },
      { event: 'content_block_stop', data: '{"type":"content_block_stop","index":0}' },
      { event: 'content_block_start', data: '{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}' },
      { event: 'content_block_delta', data: '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"4"}}' },
      { event: 'content_block_stop', data: '{"type":"content_block_stop","index":1}' },
      { event: 'message_delta', data: '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}' },
      { event: 'message_stop', data: '{"type":"message_stop"}' },
    ];
    const message = body(anthropicMessagesStream.assemble(events));
    expect(message['content']).toEqual([
      { type: 'thinking', thinking: 'Let me see.', signature: 'sig==' },
      { type: 'text', text: '4' },
    ]);
    expect(message['usage']).toEqual({ input_tokens: 1, output_tokens: 9 });
  });

  it('an error event, or no message_stop, is a failure', () => {
    const events = transcriptEvents('anthropic-text');
    const error: SseEvent = { event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' };
    expect(anthropicMessagesStream.assemble([...events.slice(0, 4), error])).toMatchObject({
      ok: false,
      reason: 'error_event',
      message: expect.stringContaining('overloaded_error: Overloaded'),
      upstream: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(anthropicMessagesStream.assemble(events.slice(0, -1))).toMatchObject({ ok: false, reason: 'ended_early' });
  });
});

describe('Gemini generateContent: chunks merged into one response', () => {
  it('text parts concatenated, the signature kept, last usage and finish reason', () => {
    const response = body(geminiGenerateStream.assemble(transcriptEvents('google-text')));
    const [signed] = transcriptEvents('google-text').slice(-1).map((e) => JSON.parse(e.data).candidates[0].content.parts[0].thoughtSignature as string);
    expect(response).toEqual({
      candidates: [
        {
          content: { parts: [{ text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y', thoughtSignature: signed }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 23, totalTokenCount: 217, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }], thoughtsTokenCount: 185 },
      modelVersion: 'gemini-3-pro-preview',
      responseId: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
    });
  });

  it('a function call kept whole, with its signature; the closing empty text part dropped', () => {
    const response = body(geminiGenerateStream.assemble(transcriptEvents('google-tool-call')));
    const candidate = (response['candidates'] as Array<Record<string, unknown>>)[0]!;
    expect(candidate['finishReason']).toBe('STOP');
    expect(candidate['content']).toEqual({
      parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: expect.stringMatching(/^EqUCCqICAb4/) }],
      role: 'model',
    });
  });

  it('thoughts stay apart from answer text', () => {
    const chunk = (parts: unknown[], extra: Record<string, unknown> = {}): SseEvent => ({ data: JSON.stringify({ candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }] }) });
    const response = body(
      geminiGenerateStream.assemble([
        chunk([{ text: 'Think', thought: true }]),
        chunk([{ text: 'ing.', thought: true }]),
        chunk([{ text: 'Ans' }]),
        chunk([{ text: 'wer' }], { finishReason: 'STOP' }),
      ]),
    );
    expect((response['candidates'] as Array<{ content: unknown }>)[0]!.content).toEqual({
      parts: [{ text: 'Thinking.', thought: true }, { text: 'Answer' }],
      role: 'model',
    });
  });

  it('an error chunk, or no final chunk, is a failure', () => {
    const events = transcriptEvents('google-text');
    expect(geminiGenerateStream.assemble([events[0]!, { data: '{"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}' }])).toMatchObject({
      ok: false,
      reason: 'error_event',
      message: expect.stringContaining('UNAVAILABLE: overloaded'),
    });
    expect(geminiGenerateStream.assemble(events.slice(0, -1))).toMatchObject({ ok: false, reason: 'ended_early' });
  });
});

describe('Gemini Interactions: the completed interaction with its steps rebuilt', () => {
  it('thought (with signature) and model output, status, usage and tier', () => {
    const interaction = body(geminiInteractionsStream.assemble(transcriptEvents('interactions-basic')));
    expect(interaction).toMatchObject({
      id: 'v1_ChdUR3NIYXVyQkFlYVA2ZGtQajZERThBVRIXVEdzSGF1ckJBZWFQNmRrUGo2REU4QVU',
      status: 'completed',
      service_tier: 'standard',
      model: 'gemini-2.5-flash',
      usage: { total_tokens: 148, total_output_tokens: 26, total_thought_tokens: 115 },
      steps: [
        { type: 'thought', signature: expect.stringMatching(/^CiQBDDnWxzCn/) },
        { type: 'model_output', content: [{ type: 'text', text: "I'm doing great, thank you for asking!\n\nHow are you doing today? And what can I do for you?" }] },
      ],
    });
  });

  it('a function call with its arguments parsed; requires_action', () => {
    const interaction = body(geminiInteractionsStream.assemble(transcriptEvents('interactions-tool-call-step1')));
    expect(interaction['status']).toBe('requires_action');
    expect((interaction['steps'] as unknown[])[1]).toEqual({ id: '61nzpsv4', signature: '', type: 'function_call', name: 'getWeather', arguments: { location: 'San Francisco' } });
  });

  it('an error event, a failed interaction, or no interaction.completed is a failure', () => {
    const events = transcriptEvents('interactions-basic');
    const error: SseEvent = { event: 'error', data: '{"event_type":"error","error":{"code":"unavailable","message":"try again"}}' };
    expect(geminiInteractionsStream.assemble([...events.slice(0, 3), error])).toMatchObject({ ok: false, reason: 'error_event', message: expect.stringContaining('unavailable: try again') });
    const failed: SseEvent = { event: 'interaction.completed', data: '{"event_type":"interaction.completed","interaction":{"id":"i","status":"failed"}}' };
    expect(geminiInteractionsStream.assemble([...events.slice(0, 3), failed])).toMatchObject({ ok: false, reason: 'error_event' });
    expect(geminiInteractionsStream.assemble(events.slice(0, -1))).toMatchObject({ ok: false, reason: 'ended_early' });
  });
});

describe('translated streams assemble to the same answer', () => {
  const ASSEMBLERS: ReadonlyArray<readonly [DialectId, DialectStream, (body: Record<string, unknown>) => { text: string; calls: unknown[] }]> = [
    [
      'anthropic-messages',
      anthropicMessagesStream,
      (message) => {
        const content = message['content'] as Array<Record<string, unknown>>;
        return {
          text: content.filter((b) => b['type'] === 'text').map((b) => b['text']).join(''),
          calls: content.filter((b) => b['type'] === 'tool_use').map((b) => ({ name: b['name'], args: b['input'] })),
        };
      },
    ],
    [
      'gemini-generate',
      geminiGenerateStream,
      (response) => {
        const parts = ((response['candidates'] as Array<{ content: { parts: Array<Record<string, unknown>> } }>)[0]?.content.parts ?? []);
        return {
          text: parts.filter((p) => typeof p['text'] === 'string' && !p['thought']).map((p) => p['text']).join(''),
          calls: parts.filter((p) => p['functionCall']).map((p) => {
            const call = p['functionCall'] as Record<string, unknown>;
            return { name: call['name'], args: call['args'] };
          }),
        };
      },
    ],
    [
      'gemini-interactions',
      geminiInteractionsStream,
      (interaction) => {
        const steps = interaction['steps'] as Array<Record<string, unknown>>;
        return {
          text: steps
            .filter((s) => s['type'] === 'model_output')
            .map((s) => (s['content'] as Array<{ text: string }>).map((c) => c.text).join(''))
            .join(''),
          calls: steps.filter((s) => s['type'] === 'function_call').map((s) => ({ name: s['name'], args: s['arguments'] })),
        };
      },
    ],
  ];

  for (const stream of recordedStreams()) {
    const ir = decodeText(stream.dialect, sseText(stream.events));
    const expected = summarize(ir);
    if (expected.error) continue;
    for (const [to, dialect, answer] of ASSEMBLERS) {
      if (to === stream.dialect) continue;
      it(`${stream.name} → ${to}`, () => {
        const assembled = answer(body(dialect.assemble(parseSseEvents(encodeText(to, ir)))));
        expect(assembled.text).toBe(expected.text);
        expect(assembled.calls).toEqual(expected.toolCalls.map(({ name, args }) => ({ name, args })));
      });
    }
  }
});
