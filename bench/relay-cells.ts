/**
 * The relay suite as data: long streamed answers (thousands of events) from the simulator
 * direct (the ceiling), through the bare proxy, the router passing a Responses stream through,
 * and the router translating it for an Anthropic Messages caller. Long answers make relaying the bytes the dominant cost, so these cells
 * measure the router's per-event work rather than its per-request work.
 */
import { BENCH_KEY } from './cells.js';
import type { LoadRequest } from './load.js';

export type RelayTargetId = 'direct' | 'bare' | 'passthrough' | 'translated';

export interface RelayTarget {
  id: RelayTargetId;
  label: string;
  /** Which process serves it (each proxy points at the long-answer simulator). */
  origin: 'simulator' | 'bare' | 'router';
  request: LoadRequest;
  /** Response headers that prove the request took the intended path. */
  expectHeaders: Record<string, string>;
  /** The event type that ends a complete stream in the caller's format. */
  finalEvent: string;
}

const prompt = 'Write a haiku about latency.';
const json = (body: unknown, headers: Record<string, string>): Pick<LoadRequest, 'body' | 'headers'> => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
const bearer = { authorization: `Bearer ${BENCH_KEY}` };
const onDefault = { 'x-flexroute-tier': 'default', 'x-flexroute-race': 'none' };

const responsesOnDefault = { path: '/v1/responses', ...json({ model: 'gpt-5-mini', input: prompt, service_tier: 'default', stream: true }, bearer) };

export const RELAY_TARGETS: readonly RelayTarget[] = [
  { id: 'direct', label: 'simulator, direct (Responses)', origin: 'simulator', request: responsesOnDefault, expectHeaders: {}, finalEvent: 'response.completed' },
  {
    id: 'bare',
    label: 'bare proxy (Responses)',
    origin: 'bare',
    request: responsesOnDefault,
    expectHeaders: {},
    finalEvent: 'response.completed',
  },
  {
    id: 'passthrough',
    label: 'router, Responses -> Responses',
    origin: 'router',
    request: { path: '/v1/responses', ...json({ model: 'gpt-5-mini', input: prompt, start_within: 'default', stream: true }, bearer) },
    expectHeaders: onDefault,
    finalEvent: 'response.completed',
  },
  {
    id: 'translated',
    label: 'router, Messages -> Responses',
    origin: 'router',
    request: {
      path: '/v1/messages',
      ...json(
        { model: 'gpt-5-mini', max_tokens: 8192, messages: [{ role: 'user', content: prompt }], start_within: 'default', stream: true },
        { 'x-api-key': BENCH_KEY, 'anthropic-version': '2023-06-01' },
      ),
    },
    expectHeaders: onDefault,
    finalEvent: 'message_stop',
  },
];

/** Output tokens per answer in the relay suite: one content event each, plus a handful of bookkeeping events. */
export const RELAY_OUTPUT_TOKENS = 2000;
/** Concurrent streams: one alone (per-stream speed, time to first byte unloaded), and enough to keep every core busy. */
export const RELAY_CONNECTIONS: readonly number[] = [1, 4];
