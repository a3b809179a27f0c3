/**
 * Gemini `parts` of a model turn to and from IR parts, shared by requests (history) and
 * responses.
 *
 * Gemini hangs its reasoning token (`thoughtSignature`) on an ordinary part. The IR keeps it on
 * the tool call when it sits on a `functionCall` part, and as a signature-only reasoning part
 * right after a text part (the order the stream decoder uses). Writing parts back, a
 * signature-only reasoning part is attached to the function call after it, else to the text
 * before it, else sent as a part of its own.
 */
import { asObject, asString } from '../ir/read.js';
import { reasoningFromSlot } from '../ir/reasoning.js';
import type { IRReasoningPart, IRToolCallPart, JsonObject } from '../ir/request.js';
import type { IROutputPart } from '../ir/response.js';

export const DIALECT = 'gemini-generate';

/** A Gemini part object as written. */
export type GeminiPart = Record<string, unknown>;

/**
 * Reads the parts of a model turn. `callId` names function calls that came without an id
 * (`n` counts calls from 1).
 */
export function decodeModelParts(parts: readonly unknown[], callId: (n: number) => string): Array<{ part: IROutputPart; index: number }> {
  const out: Array<{ part: IROutputPart; index: number }> = [];
  let calls = 0;
  parts.forEach((raw, index) => {
    const part = asObject(raw);
    const signature = asString(part['thoughtSignature']);
    const call = part['functionCall'];
    if (typeof call === 'object' && call !== null) {
      calls += 1;
      const fn = asObject(call);
      const id = asString(fn['id']);
      out.push({
        index,
        part: {
          type: 'tool_call',
          id: id !== undefined && id !== '' ? id : callId(calls),
          name: asString(fn['name']) ?? '',
          arguments: JSON.stringify(fn['args'] ?? {}),
          ...(signature !== undefined ? { signature } : {}),
        },
      });
      return;
    }
    const text = asString(part['text']) ?? '';
    if (part['thought'] === true) {
      out.push({ index, part: reasoningFromSlot(signature, DIALECT, text) });
      return;
    }
    if (text !== '') out.push({ index, part: { type: 'text', text } });
    if (signature !== undefined) out.push({ index, part: reasoningFromSlot(signature, DIALECT, undefined) });
  });
  return out;
}

/**
 * Writes one IR part of a model turn; reasoning is handled by {@link attachSignature}. Call ids
 * are written in responses only: Gemini pairs calls in a request by name and order.
 */
export function encodeModelPart(part: Exclude<IROutputPart, IRReasoningPart>, args: (part: IRToolCallPart) => JsonObject, withIds: boolean): GeminiPart {
  if (part.type === 'tool_call') {
    const call = { ...(withIds ? { id: part.id } : {}), name: part.name, args: args(part) };
    return { functionCall: call, ...(part.signature !== undefined ? { thoughtSignature: part.signature } : {}) };
  }
  return { text: part.text };
}

/**
 * Places a signature-only reasoning token: on the function call that follows (`next`), else on
 * the text part just written (`previous`), else as a part of its own (pushed onto `out`).
 */
export function attachSignature(signature: string, out: GeminiPart[], next: IROutputPart | undefined): 'next' | 'done' {
  if (next?.type === 'tool_call' && next.signature === undefined) return 'next';
  const previous = out.at(-1);
  if (previous && typeof previous['text'] === 'string' && previous['thought'] !== true && previous['thoughtSignature'] === undefined) {
    previous['thoughtSignature'] = signature;
  } else {
    out.push({ text: '', thoughtSignature: signature });
  }
  return 'done';
}

/**
 * Writes the parts of a model turn. `token` gives the thought signature to write for a reasoning
 * part (or throws when the target cannot carry it); `args` the call arguments as an object.
 */
export function encodeModelParts(
  parts: readonly IROutputPart[],
  token: (part: IRReasoningPart, index: number) => string | undefined,
  args: (part: IRToolCallPart, index: number) => JsonObject,
  withIds = false,
): GeminiPart[] {
  const out: GeminiPart[] = [];
  let pending: string | undefined;
  parts.forEach((part, index) => {
    if (part.type === 'reasoning') {
      const signature = token(part, index);
      if (part.text !== undefined) {
        out.push({ text: part.text, thought: true, ...(signature !== undefined ? { thoughtSignature: signature } : {}) });
      } else if (signature !== undefined && attachSignature(signature, out, parts[index + 1]) === 'next') {
        pending = signature;
      }
      return;
    }
    const written = encodeModelPart(part, (call) => args(call, index), withIds);
    if (pending !== undefined && part.type === 'tool_call') {
      written['thoughtSignature'] = pending;
      pending = undefined;
    }
    out.push(written);
  });
  return out;
}
