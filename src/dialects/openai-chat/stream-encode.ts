/**
 * IR stream events to an OpenAI Chat Completions stream: unnamed `data:` chunks
 * (`chat.completion.chunk`, one id and `created` for the whole stream), a first role-only chunk,
 * `content` / `tool_calls` deltas, a chunk with the `finish_reason`, a usage chunk with empty
 * `choices` (as with `stream_options.include_usage`), and `data: [DONE]`.
 *
 * Chat has no reasoning field; reasoning text is sent as `reasoning_content`, the field
 * compatible servers use, which OpenAI clients ignore. A Gemini function call's thought signature
 * goes in the tool call's `extra_content.google.thought_signature`, as Gemini's own
 * OpenAI-compatible endpoint sends it. Custom-tool input becomes JSON
 * `{"input": "<text>"}` arguments of a function call. A failure is a chunk with an `error`
 * object (the openai SDK throws it as `APIError`) and no `[DONE]`.
 */
import { encodeSseText } from '../../sse/frames.js';
import type { IRUsage, ServedTier } from '../ir/common.js';
import type { IRStartEvent, IRStreamEvent, StreamEncodeContext, StreamEncoder } from '../ir/stream.js';
import { customInputJson, randomId, shownTierWord, stopsAtEnd } from '../ir/stream-encoding.js';
import { createdSeconds } from '../ir/time.js';
import { FINISH_REASONS } from './stop-reasons.js';
import { chatUsage } from './usage.js';
import { withIdPrefix } from '../ir/ids.js';

/**
 * The chunk OpenAI sends for a failure mid-stream (`{"error":{"message","type","param","code"}}`).
 */
export function chatErrorFrame(message: string, code: string | null, type = 'server_error'): string {
  return encodeSseText({ data: JSON.stringify({ error: { message, type, param: null, code } }) });
}

/**
 * A delta chunk's text around its head and its delta's JSON: the bytes `chunk(delta)` writes for
 * `{"index":0,"delta":…,"logprobs":null,"finish_reason":null}`, written from a template for the
 * chunks sent per token. The head and `JSON.stringify` output hold no raw line break, so the
 * data is one line.
 */
const DELTA_CHOICE_OPEN = '"choices":[{"index":0,"delta":';
const DELTA_CHOICE_CLOSE = ',"logprobs":null,"finish_reason":null}]}\n\n';

/** Creates an encoder for one OpenAI Chat Completions stream. */
export function createChatStreamEncoder(ctx: StreamEncodeContext): StreamEncoder {
  let start: IRStartEvent | undefined;
  let started = false;
  let usage: IRUsage | undefined;
  /** The chunk fields every chunk repeats, serialised once: `{"id":…,"object":…,…,` */
  let head = '';
  let tool: { irIndex: number; toolIndex: number; custom: boolean; argsSeen: boolean } | undefined;
  let tools = 0;

  function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    const choice = JSON.stringify({ index: 0, delta, logprobs: null, finish_reason: finishReason });
    return encodeSseText({ data: `${head}"choices":[${choice}]}` });
  }

  /** `chunk(delta)` for a delta given as JSON text (`{"content":"Hi"}`), from the template above. */
  function deltaChunk(deltaJson: string): string {
    return `data: ${head}${DELTA_CHOICE_OPEN}${deltaJson}${DELTA_CHOICE_CLOSE}`;
  }

  function setHead(servedTier?: ServedTier): void {
    const tier = shownTierWord('openai-chat', servedTier, start, ctx);
    const fields = {
      id: withIdPrefix('chatcmpl-', start?.id ?? ''),
      object: 'chat.completion.chunk',
      created: createdSeconds(start?.createdAt, ctx.now),
      model: start?.model || ctx.callerModel,
      ...(tier ? { service_tier: tier } : {}),
      system_fingerprint: null,
    };
    head = `${JSON.stringify(fields).slice(0, -1)},`;
  }

  function ensureStarted(): string {
    if (started) return '';
    started = true;
    if (!start) start = { type: 'start', id: randomId('chatcmpl-'), model: ctx.callerModel };
    setHead();
    return chunk({ role: 'assistant', content: '', refusal: null });
  }

  function closeTool(): string {
    if (!tool) return '';
    const open = tool;
    tool = undefined;
    if (open.custom) return toolDelta(open.toolIndex, customInputJson.close);
    // A call with no arguments still carries JSON that parses: "{}", never "".
    return open.argsSeen ? '' : toolDelta(open.toolIndex, '{}');
  }

  function toolDelta(toolIndex: number, args: string): string {
    return deltaChunk(`{"tool_calls":[{"index":${toolIndex},"function":{"arguments":${JSON.stringify(args)}}}]}`);
  }

  function push(event: IRStreamEvent): string {
    switch (event.type) {
      case 'start':
        start = event;
        return ensureStarted();
      case 'usage':
        usage = event.usage;
        return '';
      case 'text-delta':
        return ensureStarted() + closeTool() + (event.text === '' ? '' : deltaChunk(`{"content":${JSON.stringify(event.text)}}`));
      case 'reasoning-delta':
        return ensureStarted() + closeTool() + (event.text === '' ? '' : deltaChunk(`{"reasoning_content":${JSON.stringify(event.text)}}`));
      case 'reasoning-signature':
        return ensureStarted(); // Chat has nowhere to carry it
      case 'tool-call-start': {
        const text = ensureStarted() + closeTool();
        const custom = event.kind === 'custom';
        tool = { irIndex: event.index, toolIndex: tools++, custom, argsSeen: false };
        const call = {
          index: tool.toolIndex,
          id: event.id,
          type: 'function',
          function: { name: event.name, arguments: custom ? customInputJson.open : '' },
          // Where Gemini's own OpenAI-compatible endpoint puts the signature it wants back.
          ...(event.signature ? { extra_content: { google: { thought_signature: event.signature } } } : {}),
        };
        return text + chunk({ tool_calls: [call] });
      }
      case 'tool-call-delta':
        if (tool?.irIndex !== event.index) return '';
        if (event.argumentsDelta !== '') tool.argsSeen = true;
        return toolDelta(tool.toolIndex, tool.custom ? customInputJson.fragment(event.argumentsDelta) : event.argumentsDelta);
      case 'block-end':
        return tool?.irIndex === event.index ? closeTool() : '';
      case 'finish': {
        let text = ensureStarted() + closeTool();
        if (event.servedTier) setHead(event.servedTier);
        text += chunk({}, FINISH_REASONS[event.stopReason]);
        const final = event.usage ?? usage;
        if (final) text += encodeSseText({ data: `${head}"choices":[],"usage":${JSON.stringify(chatUsage(final))}}` });
        return text + encodeSseText({ data: '[DONE]' });
      }
      case 'error':
        return chatErrorFrame(event.message, event.code ?? null);
    }
  }

  return stopsAtEnd(push);
}
