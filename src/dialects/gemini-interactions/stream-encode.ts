/**
 * IR stream events to a Gemini Interactions stream (API revision 2026-05-20), framed as
 * `event: <event_type>`: `interaction.created` and `interaction.status_update`, one step per IR
 * block (`model_output` for text, `thought` for reasoning, `function_call` for a tool call) as
 * `step.start` / `step.delta`… / `step.stop`, then `interaction.completed`. Unlike the real API,
 * the completed interaction also carries the accumulated `steps`, so a client that keeps only the
 * last event still has the whole answer. A failure is `event: error` with `{code, message}`.
 */
import { encodeSseText } from '../../sse/frames.js';
import { argumentsToObject } from '../ir/arguments.js';
import { zeroUsage, type IRStartEvent, type IRStreamEvent, type StreamEncodeContext, type StreamEncoder } from '../ir/stream.js';
import { customInputJson, randomId, shownTierWord, stopsAtEnd } from '../ir/stream-encoding.js';
import { createdSeconds, isoFromSeconds } from '../ir/time.js';
import { STATUSES } from './statuses.js';
import { interactionsUsage } from './usage.js';

const DIALECT = 'gemini-interactions';

function frame(eventType: string, body: Record<string, unknown>): string {
  return encodeSseText({ event: eventType, data: JSON.stringify({ event_type: eventType, ...body }) });
}

/**
 * The `error` event of an Interactions stream, which `@google/genai` yields as an `ErrorEvent`
 * (`{event_type: 'error', error: {code, message}}`).
 */
export function interactionsErrorFrame(message: string, code: string): string {
  return frame('error', { error: { code, message } });
}

/** Each `step.delta` kind's JSON text before and after its one string. */
const STEP_DELTAS = {
  text: ['{"type":"text","text":', '}'],
  thought_summary: ['{"type":"thought_summary","content":{"type":"text","text":', '}}'],
  thought_signature: ['{"type":"thought_signature","signature":', '}'],
  arguments_delta: ['{"type":"arguments_delta","arguments":', '}'],
} as const;

/**
 * A `step.delta` frame, the one sent per token, from a template: the bytes of
 * `frame('step.delta', { index, delta })` for the `delta` object `kind` names. `JSON.stringify`
 * writes a string the same alone as inside an object and escapes every line break, so the data is
 * one line; `index` is a whole number, written the same either way.
 */
function stepDeltaFrame(index: number, kind: keyof typeof STEP_DELTAS, value: string): string {
  const [open, close] = STEP_DELTAS[kind];
  return `event: step.delta\ndata: {"event_type":"step.delta","index":${index},"delta":${open}${JSON.stringify(value)}${close}}\n\n`;
}

/** The opening of a text or thought step (module-level, so no closure is made per delta). */
const MODEL_OUTPUT_STEP = (): Record<string, unknown> => ({ type: 'model_output' });
const THOUGHT_STEP = (): Record<string, unknown> => ({ type: 'thought' });

/** A step being streamed, and what the completed interaction will show for it. */
interface OpenStep {
  irIndex: number;
  wireIndex: number;
  step: Record<string, unknown>;
  kind: 'text' | 'reasoning' | 'tool';
  text: string;
  custom: boolean;
}

/** Creates an encoder for one Gemini Interactions stream. */
export function createInteractionsStreamEncoder(ctx: StreamEncodeContext): StreamEncoder {
  let start: IRStartEvent | undefined;
  /** The interaction id, fixed when the stream starts. */
  let id = '';
  let usage = zeroUsage();
  let current: OpenStep | undefined;
  const steps: Record<string, unknown>[] = [];

  function ensureStarted(): string {
    if (id !== '') return '';
    id = start?.id || randomId('v1_flexroute_');
    if (!start) start = { type: 'start', id, model: ctx.callerModel };
    return (
      frame('interaction.created', {
        interaction: { id, status: 'in_progress', object: 'interaction', model: start.model || ctx.callerModel },
      }) + frame('interaction.status_update', { interaction_id: id, status: 'in_progress' })
    );
  }

  /** Ends the open step and records its final form for `interaction.completed`. */
  function closeCurrent(): string {
    if (!current) return '';
    const open = current;
    current = undefined;
    let text = '';
    if (open.custom) text += stepDeltaFrame(open.wireIndex, 'arguments_delta', customInputJson.close);
    // A call with no arguments still streams JSON that parses: "{}", never "".
    else if (open.kind === 'tool' && open.text === '') text += stepDeltaFrame(open.wireIndex, 'arguments_delta', '{}');
    if (open.kind === 'text') open.step['content'] = [{ type: 'text', text: open.text }];
    else if (open.kind === 'reasoning' && open.text !== '') open.step['summary'] = [{ type: 'text', text: open.text }];
    else if (open.kind === 'tool') open.step['arguments'] = argumentsToObject(open.text, open.custom ? 'custom' : 'function');
    steps.push(open.step);
    return text + frame('step.stop', { index: open.wireIndex });
  }

  /** Makes `irIndex` the open step, starting it with `step` if it is new. */
  function enter(irIndex: number, kind: OpenStep['kind'], step: () => Record<string, unknown>): string {
    if (current?.irIndex === irIndex) return '';
    const text = ensureStarted() + closeCurrent();
    const opened: OpenStep = { irIndex, wireIndex: steps.length, step: step(), kind, text: '', custom: false };
    current = opened;
    return text + frame('step.start', { index: opened.wireIndex, step: opened.step });
  }

  function delta(kind: keyof typeof STEP_DELTAS, value: string): string {
    return stepDeltaFrame(current?.wireIndex ?? 0, kind, value);
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
        const text = enter(event.index, 'text', MODEL_OUTPUT_STEP);
        if (event.text === '' || current?.kind !== 'text') return text;
        current.text += event.text;
        return text + delta('text', event.text);
      }
      case 'reasoning-delta': {
        const text = enter(event.index, 'reasoning', THOUGHT_STEP);
        if (event.text === '' || current?.kind !== 'reasoning') return text;
        current.text += event.text;
        return text + delta('thought_summary', event.text);
      }
      case 'reasoning-signature': {
        const text = enter(event.index, 'reasoning', THOUGHT_STEP);
        if (current?.kind !== 'reasoning') return text;
        current.step['signature'] = event.signature;
        return text + delta('thought_signature', event.signature);
      }
      case 'tool-call-start': {
        let text = enter(event.index, 'tool', () => ({
          id: event.id,
          type: 'function_call',
          name: event.name,
          arguments: {},
          ...(event.signature ? { signature: event.signature } : {}),
        }));
        if (event.kind === 'custom' && current) {
          current.custom = true;
          text += delta('arguments_delta', customInputJson.open);
        }
        return text;
      }
      case 'tool-call-delta': {
        if (current?.irIndex !== event.index || current.kind !== 'tool') return '';
        current.text += event.argumentsDelta;
        const fragment = current.custom ? customInputJson.fragment(event.argumentsDelta) : event.argumentsDelta;
        return delta('arguments_delta', fragment);
      }
      case 'block-end':
        return current?.irIndex === event.index ? closeCurrent() : '';
      case 'finish': {
        if (event.usage) usage = event.usage;
        const text = ensureStarted() + closeCurrent();
        const tier = shownTierWord(DIALECT, event.servedTier, start, ctx);
        const created = isoFromSeconds(createdSeconds(start?.createdAt, ctx.now));
        const interaction = {
          id,
          status: STATUSES[event.stopReason],
          usage: interactionsUsage(usage),
          created,
          updated: created,
          ...(tier ? { service_tier: tier } : {}),
          object: 'interaction',
          model: start?.model || ctx.callerModel,
          steps,
        };
        return text + frame('interaction.completed', { interaction });
      }
      case 'error':
        return interactionsErrorFrame(event.message, event.code ?? 'internal');
    }
  }

  return stopsAtEnd(push);
}
