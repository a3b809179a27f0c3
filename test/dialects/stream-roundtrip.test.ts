/**
 * Translation keeps what a caller sees: every recorded stream, decoded to IR events and encoded
 * into every other dialect, decodes back to the same text, reasoning, tool calls, stop reason
 * and usage. Where a dialect has no room for something, the loss is named here, not hidden:
 * - Anthropic reports no reasoning-token count, so it reads back as 0 through Messages;
 * - Interactions has no refusal status, so a refusal reads back as a normal end;
 * - Gemini's signature on a function call has a place only in Gemini, Interactions and Chat
 *   (`extra_content.google.thought_signature`), not in Responses or Messages;
 * - reasoning signatures have no place in Chat;
 * - error codes become each dialect's own error words; the message is kept.
 */
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import type { StopReason } from '../../src/dialects/ir/common.js';
import type { IRStreamEvent } from '../../src/dialects/ir/stream.js';
import { ALL_DIALECTS, decodeText, encodeText, recordedStreams, sseText, summarize, type StreamSummary } from './support/streams.js';

const SIGNED_TOOL_CALLS: ReadonlySet<DialectId> = new Set(['gemini-generate', 'gemini-interactions', 'openai-chat']);

function expectedStopReason(stopReason: StopReason | undefined, to: DialectId): StopReason | undefined {
  return stopReason === 'refusal' && to === 'gemini-interactions' ? 'end_turn' : stopReason;
}

function expectSameForCaller(back: StreamSummary, original: StreamSummary, to: DialectId): void {
  expect(back.text).toBe(original.text);
  expect(back.reasoning).toBe(original.reasoning);
  expect(back.signatures).toEqual(to === 'openai-chat' ? [] : original.signatures);
  expect(back.toolCalls).toEqual(
    original.toolCalls.map((call) => {
      if (SIGNED_TOOL_CALLS.has(to)) return call;
      const { signature: _dropped, ...rest } = call;
      return rest;
    }),
  );
  expect(back.stopReason).toBe(expectedStopReason(original.stopReason, to));
  expect(back.servedTier).toBe(original.servedTier);
  if (original.error) {
    expect(back.error?.message).toBe(original.error.message);
  } else {
    expect(back.error).toBeUndefined();
  }
  if (original.usage) {
    expect(back.usage).toEqual({ ...original.usage, reasoningTokens: to === 'anthropic-messages' ? 0 : original.usage.reasoningTokens });
  }
}

/** The IR contract: start first (or a lone error), blocks that never overlap, exactly one terminal event, last. */
function expectWellFormed(events: readonly IRStreamEvent[]): void {
  if (events.length === 1) expect(events[0]?.type).toBe('error');
  else expect(events[0]?.type).toBe('start');
  const terminal = events.filter((event) => event.type === 'finish' || event.type === 'error');
  expect(terminal).toHaveLength(1);
  expect(events.at(-1)).toBe(terminal[0]);
  let open: number | undefined;
  const ended = new Set<number>();
  for (const event of events) {
    if (!('index' in event)) continue;
    if (event.type === 'block-end') {
      expect(event.index).toBe(open);
      ended.add(event.index);
      open = undefined;
      continue;
    }
    expect(ended.has(event.index)).toBe(false);
    if (open === undefined) open = event.index;
    expect(event.index).toBe(open);
  }
  expect(open).toBeUndefined();
}

describe('recorded streams decode to well-formed IR', () => {
  for (const stream of recordedStreams()) {
    it(stream.name, () => {
      const events = decodeText(stream.dialect, sseText(stream.events));
      expectWellFormed(events);
      const summary = summarize(events);
      expect(summary.text + summary.reasoning + summary.toolCalls.length + (summary.error?.message ?? '') + (summary.stopReason ?? '')).not.toBe('');
    });
  }
});

describe('every recorded stream survives translation into every other dialect', () => {
  for (const stream of recordedStreams()) {
    const ir = decodeText(stream.dialect, sseText(stream.events));
    const original = summarize(ir);
    for (const to of ALL_DIALECTS) {
      if (to === stream.dialect) continue;
      it(`${stream.name} → ${to}`, () => {
        const back = decodeText(to, encodeText(to, ir));
        expectWellFormed(back);
        expectSameForCaller(summarize(back), original, to);
      });
    }
  }
});

describe('what the recorded streams contain, decoded', () => {
  const summaries = new Map(recordedStreams().map((s) => [s.name, summarize(decodeText(s.dialect, sseText(s.events)))]));

  it('text, with the served tier reported where the stream reports it', () => {
    expect(summaries.get('anthropic-text')?.text).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(summaries.get('google-text')?.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    // The recording skips most deltas; the `.done` events carry the whole text.
    expect(summaries.get('openai-responses-openai-phase.1')?.text).toMatch(/^Got it — I’ll quickly check.*Here are a few \*\*AI headlines/s);
  });

  it('tool calls with ids, names and arguments; custom-tool input as {input}', () => {
    expect(summaries.get('anthropic-json-tool.1')?.toolCalls).toEqual([
      { id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA', name: 'json', args: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] } },
    ]);
    expect(summaries.get('interactions-tool-call-step1')?.toolCalls).toEqual([{ id: '61nzpsv4', name: 'getWeather', args: { location: 'San Francisco' } }]);
    expect(summaries.get('openai-responses-openai-custom-tool.1')?.toolCalls).toEqual([
      { id: 'call_custom_sql_001', name: 'write_sql', args: { input: 'SELECT * FROM users WHERE age > 25' } },
    ]);
    const gemini = summaries.get('google-tool-call')?.toolCalls[0];
    expect(gemini).toMatchObject({ id: 'call_b36LacjwM668nsEP2tbsgQQ_1', name: 'weather', args: { location: 'San Francisco' } });
    expect(gemini?.signature).toMatch(/^EqUCCqICAb4/);
  });

  it('stop reasons and usage (cached inside input, reasoning inside output)', () => {
    expect(summaries.get('anthropic-refusal')?.stopReason).toBe('refusal');
    expect(summaries.get('google-tool-call')?.stopReason).toBe('tool_use');
    expect(summaries.get('interactions-tool-call-step1')?.stopReason).toBe('tool_use');
    expect(summaries.get('openai-responses-openai-phase.1')?.usage).toEqual({ inputTokens: 7112, cachedInputTokens: 3072, outputTokens: 463, reasoningTokens: 64 });
    expect(summaries.get('google-text')?.usage).toEqual({ inputTokens: 9, cachedInputTokens: 0, outputTokens: 208, reasoningTokens: 185 });
    expect(summaries.get('interactions-basic')?.usage).toEqual({ inputTokens: 7, cachedInputTokens: 0, outputTokens: 141, reasoningTokens: 115 });
  });

  it('an in-band error before any output', () => {
    expect(summaries.get('openai-responses-openai-error.1')?.error).toMatchObject({ code: 'insufficient_quota', message: expect.stringMatching(/^You exceeded your current quota/) });
  });
});

describe('the served tier appears in the caller’s own field', () => {
  const anthropic = recordedStreams().find((s) => s.name === 'anthropic-text')!;
  const ir = decodeText('anthropic-messages', sseText(anthropic.events));

  it('upstream report first (Anthropic "standard" becomes OpenAI "default")', () => {
    expect(encodeText('openai-responses', ir)).toContain('"service_tier":"default"');
    expect(encodeText('openai-chat', ir)).toContain('"service_tier":"default"');
    expect(encodeText('gemini-interactions', ir)).toContain('"service_tier":"standard"');
    expect(encodeText('gemini-generate', ir)).toContain('"serviceTier":"standard"');
  });

  it('the router’s tier when the upstream reports none', () => {
    const gemini = recordedStreams().find((s) => s.name === 'google-text')!;
    const unreported = decodeText('gemini-generate', sseText(gemini.events));
    const ctx = { callerModel: 'gemini-3-pro-preview', servedTier: 'flex' as const, now: () => 0 };
    expect(encodeText('openai-responses', unreported, ctx)).toContain('"service_tier":"flex"');
    expect(encodeText('anthropic-messages', unreported, ctx)).toContain('"service_tier":"standard"'); // Anthropic has no flex word
    expect(encodeText('gemini-interactions', unreported, ctx)).toContain('"service_tier":"flex"');
  });
});
