/**
 * Holds an upstream's decoded stream to its own protocol before it is re-encoded for a caller in
 * another dialect. A translated caller must never see a truncated tool call or a clean finish
 * after the upstream broke its stream, so a broken stream ends in one IR `error` event (the
 * caller's own failure event once encoded):
 *
 * - a different message starting inside the open one (a repeated start of the open message is
 *   ignored: some upstreams resend it);
 * - events out of order: text or arguments for a block that already ended, arguments for a tool
 *   call that never started, a tool call starting where another block is;
 * - function-call arguments that are not complete JSON when their block ends or the stream
 *   finishes.
 */
import { parseArgumentsObject } from './arguments.js';
import type { IREmit, IRStreamEvent } from './stream.js';

interface Block {
  kind: 'text' | 'reasoning' | 'tool';
  /** For a function tool call: its arguments so far (custom-tool input is free text). */
  args: string | undefined;
  ended: boolean;
}

/** The code of the IR error a broken upstream stream ends in. */
export const PROTOCOL_ERROR_CODE = 'upstream_protocol_error';

/**
 * Wraps `emit` so that the events reaching it follow the stream protocol; the first violation
 * becomes one terminal error event and everything after it is dropped.
 *
 * @example
 * const guarded = guardStream(emit);
 * decoder.push(event, guarded); // instead of decoder.push(event, emit)
 */
export function guardStream(emit: IREmit): IREmit {
  let startedId: string | undefined;
  const blocks = new Map<number, Block>();
  let done = false;

  const fail = (why: string) => {
    done = true;
    emit({ type: 'error', code: PROTOCOL_ERROR_CODE, message: `The provider's stream broke its own protocol: ${why}` });
  };
  /** False (after failing) when a function call's arguments are not complete JSON. */
  const argumentsComplete = (index: number, block: Block): boolean => {
    if (block.args === undefined || block.args.trim() === '' || parseArgumentsObject(block.args) !== undefined) return true;
    fail(`the arguments of tool call #${index} are not complete JSON when the call ends.`);
    return false;
  };
  const content = (event: Extract<IRStreamEvent, { index: number }>, kind: Block['kind']): boolean => {
    const block = blocks.get(event.index);
    if (!block) {
      blocks.set(event.index, { kind, args: undefined, ended: false });
      return true;
    }
    if (block.ended) {
      fail(`${event.type} for block #${event.index} after that block ended.`);
      return false;
    }
    if ((block.kind === 'tool') !== (kind === 'tool')) {
      fail(`${event.type} for block #${event.index}, which is a ${block.kind} block.`);
      return false;
    }
    return true;
  };

  return function guarded(event) {
    if (done) return;
    switch (event.type) {
      case 'start':
        if (startedId !== undefined) {
          if (event.id === startedId || event.id === '') return; // the open message, announced again
          return fail(`a second message (${JSON.stringify(event.id)}) started inside the open one (${JSON.stringify(startedId)}).`);
        }
        startedId = event.id;
        return emit(event);
      case 'text-delta':
        return content(event, 'text') ? emit(event) : undefined;
      case 'reasoning-delta':
        return content(event, 'reasoning') ? emit(event) : undefined;
      case 'reasoning-signature':
        return emit(event); // may follow its block's end in some dialects
      case 'tool-call-start':
        if (blocks.has(event.index)) return fail(`a tool call started at block #${event.index}, which already holds another block.`);
        blocks.set(event.index, { kind: 'tool', args: event.kind === 'custom' ? undefined : '', ended: false });
        return emit(event);
      case 'tool-call-delta': {
        const block = blocks.get(event.index);
        if (!block || block.kind !== 'tool') return fail(`arguments for tool call #${event.index}, which never started.`);
        if (block.ended) return fail(`arguments for tool call #${event.index} after it ended.`);
        if (block.args !== undefined) block.args += event.argumentsDelta;
        return emit(event);
      }
      case 'block-end': {
        const block = blocks.get(event.index);
        if (block?.ended) return; // announced twice: once is enough
        if (block) {
          block.ended = true;
          if (block.kind === 'tool' && !argumentsComplete(event.index, block)) return;
        }
        return emit(event);
      }
      case 'finish':
        for (const [index, block] of blocks) if (block.kind === 'tool' && !block.ended && !argumentsComplete(index, block)) return;
        done = true;
        return emit(event);
      case 'error':
        done = true;
        return emit(event);
      case 'usage':
        return emit(event);
    }
  };
}
