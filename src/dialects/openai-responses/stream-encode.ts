/**
 * IR stream events to an OpenAI Responses stream, in the order the official SDK's
 * `ResponseStream` accumulates: `response.created`, `response.in_progress`, one output item per
 * IR block (`message` with one `output_text` part, `reasoning` with one summary part,
 * `function_call` or `custom_tool_call`) with its added / delta / done events, then
 * `response.completed` (or `response.incomplete`) carrying the whole output and usage. Every
 * event has a `sequence_number` counting from 0; item ids derive from the response id. A failure
 * is `response.failed` with the output so far.
 */
import { encodeSseText } from '../../sse/frames.js';
import type { IRUsage, ServedTier, StopReason } from '../ir/common.js';
import { zeroUsage, type IRStartEvent, type IRStreamEvent, type StreamEncodeContext, type StreamEncoder } from '../ir/stream.js';
import { randomId, shownTierWord, stopsAtEnd } from '../ir/stream-encoding.js';
import { createdSeconds } from '../ir/time.js';
import { responseObject } from './response-object.js';
import { responsesUsage } from './usage.js';
import { withIdPrefix } from '../ir/ids.js';

/** How each stop reason ends a Response: its status and, when incomplete, why. */
const ENDINGS: Readonly<Record<StopReason, { status: 'completed' | 'incomplete'; reason?: string }>> = {
  end_turn: { status: 'completed' },
  tool_use: { status: 'completed' },
  stop_sequence: { status: 'completed' },
  error: { status: 'completed' },
  max_tokens: { status: 'incomplete', reason: 'max_output_tokens' },
  refusal: { status: 'incomplete', reason: 'content_filter' },
};

/** An output item being streamed. `text` accumulates its text, summary or arguments. */
interface OpenItem {
  irIndex: number;
  outputIndex: number;
  id: string;
  kind: 'message' | 'reasoning' | 'function_call' | 'custom_tool_call';
  text: string;
  callId: string;
  name: string;
  summaryOpen: boolean;
  signature?: string;
  /** `,"item_id":"…","output_index":N` as JSON text, for the delta frames' templates. */
  at: string;
}

/** Creates an encoder for one OpenAI Responses stream. */
export function createResponsesStreamEncoder(ctx: StreamEncodeContext): StreamEncoder {
  let start: IRStartEvent | undefined;
  let started = false;
  let sequence = 0;
  let usage: IRUsage | undefined;
  let idBase = '';
  let createdAt = 0;
  let current: OpenItem | undefined;
  const output: Record<string, unknown>[] = [];

  function frame(type: string, body: Record<string, unknown>): string {
    return encodeSseText({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...body }) });
  }

  /**
   * A delta frame, the one sent per token, from a template: the bytes of
   * `frame(type, { item_id, output_index, ...fields, delta, ...rest })` where `fields` and `rest`
   * are JSON text. `JSON.stringify` writes a string the same alone as inside an object and
   * escapes every line break, so the data is one line.
   */
  function deltaFrame(type: string, item: OpenItem, fields: string, delta: string, rest: string): string {
    return `event: ${type}\ndata: {"type":"${type}","sequence_number":${sequence++}${item.at}${fields},"delta":${JSON.stringify(delta)}${rest}}\n\n`;
  }

  /** The Response object at `status`, with the served tier and `extra` fields (output, usage, …). */
  function response(status: string, extra: Record<string, unknown> = {}, reportedTier?: ServedTier): Record<string, unknown> {
    const tier = shownTierWord('openai-responses', reportedTier, start, ctx);
    return {
      ...responseObject({ id: withIdPrefix('resp_', start?.id ?? ''), createdAt, status, model: start?.model || ctx.callerModel }),
      ...(tier ? { service_tier: tier } : {}),
      ...extra,
    };
  }

  function ensureStarted(): string {
    if (started) return '';
    started = true;
    if (!start) start = { type: 'start', id: randomId('resp_'), model: ctx.callerModel };
    createdAt = createdSeconds(start.createdAt, ctx.now);
    idBase = start.id.replace(/^[a-z]+_/, '').replace(/[^A-Za-z0-9]/g, '') || 'flexroute';
    return frame('response.created', { response: response('in_progress') }) + frame('response.in_progress', { response: response('in_progress') });
  }

  function itemId(prefix: string): string {
    return `${prefix}_${idBase}_${output.length}`;
  }

  /** The item's final form, for `response.output_item.done` and the completed response. */
  function finalItem(item: OpenItem): Record<string, unknown> {
    switch (item.kind) {
      case 'message':
        return { id: item.id, type: 'message', status: 'completed', content: [outputText(item.text)], role: 'assistant' };
      case 'reasoning':
        return {
          id: item.id,
          type: 'reasoning',
          summary: item.summaryOpen ? [{ type: 'summary_text', text: item.text }] : [],
          ...(item.signature !== undefined ? { encrypted_content: item.signature } : {}),
        };
      case 'function_call':
        return { id: item.id, type: 'function_call', status: 'completed', arguments: item.text, call_id: item.callId, name: item.name };
      case 'custom_tool_call':
        return { id: item.id, type: 'custom_tool_call', status: 'completed', input: item.text, call_id: item.callId, name: item.name };
    }
  }

  function outputText(text: string): Record<string, unknown> {
    return { type: 'output_text', annotations: [], logprobs: [], text };
  }

  function closeCurrent(): string {
    const item = current;
    if (!item) return '';
    current = undefined;
    const at = { item_id: item.id, output_index: item.outputIndex };
    let text = '';
    if (item.kind === 'message') {
      text +=
        frame('response.output_text.done', { ...at, content_index: 0, text: item.text, logprobs: [] }) +
        frame('response.content_part.done', { ...at, content_index: 0, part: outputText(item.text) });
    } else if (item.kind === 'reasoning' && item.summaryOpen) {
      text +=
        frame('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: item.text }) +
        frame('response.reasoning_summary_part.done', { ...at, summary_index: 0, part: { type: 'summary_text', text: item.text } });
    } else if (item.kind === 'function_call') {
      // A call with no arguments still carries JSON that parses: "{}", never "".
      if (item.text === '') {
        item.text = '{}';
        text += frame('response.function_call_arguments.delta', { ...at, delta: '{}' });
      }
      text += frame('response.function_call_arguments.done', { ...at, name: item.name, arguments: item.text });
    } else if (item.kind === 'custom_tool_call') {
      text += frame('response.custom_tool_call_input.done', { ...at, input: item.text });
    }
    const final = finalItem(item);
    output.push(final);
    return text + frame('response.output_item.done', { output_index: item.outputIndex, item: final });
  }

  /** Makes `irIndex` the open item, adding it if it is new. */
  function enter(irIndex: number, kind: OpenItem['kind'], prefix: string, callId = '', name = ''): string {
    if (current?.irIndex === irIndex) return '';
    let text = ensureStarted() + closeCurrent();
    const id = itemId(prefix);
    const outputIndex = output.length;
    const at = `,"item_id":${JSON.stringify(id)},"output_index":${outputIndex}`;
    const item: OpenItem = { irIndex, outputIndex, id, kind, text: '', callId, name, summaryOpen: false, at };
    current = item;
    const added =
      kind === 'message'
        ? { id: item.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' }
        : kind === 'reasoning'
          ? { id: item.id, type: 'reasoning', summary: [] }
          : kind === 'function_call'
            ? { id: item.id, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name }
            : { id: item.id, type: 'custom_tool_call', status: 'in_progress', input: '', call_id: callId, name };
    text += frame('response.output_item.added', { output_index: item.outputIndex, item: added });
    if (kind === 'message') {
      text += frame('response.content_part.added', { item_id: item.id, output_index: item.outputIndex, content_index: 0, part: outputText('') });
    }
    return text;
  }

  function push(event: IRStreamEvent): string {
    switch (event.type) {
      case 'start':
        start = event;
        return ensureStarted();
      case 'usage':
        usage = event.usage;
        return '';
      case 'text-delta': {
        const text = enter(event.index, 'message', 'msg');
        if (event.text === '' || !current) return text;
        current.text += event.text;
        return text + deltaFrame('response.output_text.delta', current, ',"content_index":0', event.text, ',"logprobs":[]');
      }
      case 'reasoning-delta': {
        let text = enter(event.index, 'reasoning', 'rs');
        const item = current;
        if (event.text === '' || item?.kind !== 'reasoning') return text;
        if (!item.summaryOpen) {
          item.summaryOpen = true;
          const at = { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
          text += frame('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
        }
        item.text += event.text;
        return text + deltaFrame('response.reasoning_summary_text.delta', item, ',"summary_index":0', event.text, '');
      }
      case 'reasoning-signature': {
        const text = enter(event.index, 'reasoning', 'rs');
        if (current?.kind === 'reasoning') current.signature = event.signature;
        return text;
      }
      case 'tool-call-start':
        return event.kind === 'custom'
          ? enter(event.index, 'custom_tool_call', 'ctc', event.id, event.name)
          : enter(event.index, 'function_call', 'fc', event.id, event.name);
      case 'tool-call-delta': {
        const item = current;
        if (item?.irIndex !== event.index || (item.kind !== 'function_call' && item.kind !== 'custom_tool_call')) return '';
        item.text += event.argumentsDelta;
        const type = item.kind === 'function_call' ? 'response.function_call_arguments.delta' : 'response.custom_tool_call_input.delta';
        return deltaFrame(type, item, '', event.argumentsDelta, '');
      }
      case 'block-end':
        return current?.irIndex === event.index ? closeCurrent() : '';
      case 'finish': {
        const text = ensureStarted() + closeCurrent();
        const final = event.usage ?? usage ?? zeroUsage();
        const ending = ENDINGS[event.stopReason];
        const body = response(
          ending.status,
          { output, usage: responsesUsage(final), ...(ending.reason ? { incomplete_details: { reason: ending.reason } } : {}) },
          event.servedTier,
        );
        return text + frame(ending.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: body });
      }
      case 'error': {
        const text = ensureStarted();
        // The item cut short is shown as it stood, marked incomplete, after the finished ones.
        const partial = current ? [{ ...finalItem(current), status: 'incomplete' }] : [];
        const body = response('failed', {
          error: { code: event.code ?? 'server_error', message: event.message },
          output: [...output, ...partial],
          ...(usage ? { usage: responsesUsage(usage) } : {}),
        });
        return text + frame('response.failed', { response: body });
      }
    }
  }

  return stopsAtEnd(push);
}
