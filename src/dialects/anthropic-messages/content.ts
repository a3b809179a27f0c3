/**
 * Anthropic `system` and `messages` to and from IR.
 *
 * Anthropic puts tool results in user messages; the IR gives them their own `tool` message, and
 * the encoder folds a tool message and the user message after it back into one user message (all
 * results for one assistant turn must come in the next user message). Thinking blocks carry their
 * signature; reasoning another provider made travels in it wrapped (see `reasoning.ts`).
 */
import { argumentsToText, parseArgumentsObject } from '../ir/arguments.js';
import { ConversationBuilder, partPath } from '../ir/conversation.js';
import { cannotCarry, joinPath, misplacedPart } from '../ir/provenance.js';
import { reasoningFromSlot } from '../ir/reasoning.js';
import {
  checkKeys,
  optional,
  readArray,
  readBoolean,
  readEnum,
  readObject,
  readString,
  untranslatable,
} from '../ir/read.js';
import type { IRImagePart, IRMessage, IRPart, IRRequest, IRTextPart, IRToolResultPart, SourcePaths } from '../ir/request.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'anthropic-messages';

/** Prompt-caching hints: they change cost, not content. */
const BLOCK_ADVISORY = ['cache_control'];

function readText(block: Record<string, unknown>, path: string): IRTextPart | undefined {
  checkKeys(block, path, ['type', 'text'], [...BLOCK_ADVISORY, 'citations']);
  if (Array.isArray(block['citations']) && block['citations'].length > 0) {
    throw untranslatable(joinPath(path, 'citations'), 'Citations have no equivalent in other formats.');
  }
  const text = readString(block['text'], joinPath(path, 'text'));
  return text === '' ? undefined : { type: 'text', text };
}

function readImage(block: Record<string, unknown>, path: string): IRImagePart {
  checkKeys(block, path, ['type', 'source'], BLOCK_ADVISORY);
  const sp = joinPath(path, 'source');
  const source = readObject(block['source'], sp);
  const kind = readString(source['type'], joinPath(sp, 'type'));
  if (kind === 'url') {
    checkKeys(source, sp, ['type', 'url']);
    return { type: 'image', source: { kind: 'url', url: readString(source['url'], joinPath(sp, 'url')) } };
  }
  if (kind === 'base64') {
    checkKeys(source, sp, ['type', 'media_type', 'data']);
    return {
      type: 'image',
      source: { kind: 'base64', mediaType: readString(source['media_type'], joinPath(sp, 'media_type')), data: readString(source['data'], joinPath(sp, 'data')) },
    };
  }
  throw untranslatable(sp, `Image sources of type ${describeReceived(kind)} have no equivalent in other formats; url and base64 do.`);
}

function readToolResult(block: Record<string, unknown>, path: string): IRToolResultPart {
  checkKeys(block, path, ['type', 'tool_use_id', 'content', 'is_error'], BLOCK_ADVISORY);
  const content = block['content'];
  const isError = optional(block['is_error'], joinPath(path, 'is_error'), readBoolean);
  return {
    type: 'tool_result',
    callId: readString(block['tool_use_id'], joinPath(path, 'tool_use_id')),
    content:
      content === undefined || typeof content === 'string'
        ? (content ?? '')
        : readArray(content, joinPath(path, 'content')).flatMap((raw, i) => {
            const p = joinPath(path, 'content', i);
            const inner = readObject(raw, p);
            const type = readEnum(inner['type'], joinPath(p, 'type'), ['text', 'image']);
            const part = type === 'text' ? readText(inner, p) : readImage(inner, p);
            return part ? [part] : [];
          }),
    ...(isError ? { isError: true } : {}),
  };
}

function readUserBlock(block: Record<string, unknown>, path: string, type: string): IRPart | undefined {
  switch (type) {
    case 'text':
      return readText(block, path);
    case 'image':
      return readImage(block, path);
    case 'tool_result':
      return readToolResult(block, path);
    default:
      throw untranslatable(path, `user content blocks of type ${describeReceived(type)} have no equivalent in other formats.`);
  }
}

function readAssistantBlock(block: Record<string, unknown>, path: string, type: string): IRPart | undefined {
  switch (type) {
    case 'text':
      return readText(block, path);
    case 'thinking': {
      checkKeys(block, path, ['type', 'thinking', 'signature'], BLOCK_ADVISORY);
      const text = readString(block['thinking'], joinPath(path, 'thinking'));
      return reasoningFromSlot(optional(block['signature'], joinPath(path, 'signature'), readString), DIALECT, text);
    }
    case 'redacted_thinking':
      checkKeys(block, path, ['type', 'data'], BLOCK_ADVISORY);
      return { type: 'reasoning', origin: DIALECT, signature: readString(block['data'], joinPath(path, 'data')), redacted: true };
    case 'tool_use': {
      checkKeys(block, path, ['type', 'id', 'name', 'input'], BLOCK_ADVISORY);
      return {
        type: 'tool_call',
        id: readString(block['id'], joinPath(path, 'id')),
        name: readString(block['name'], joinPath(path, 'name')),
        arguments: argumentsToText(readObject(block['input'], joinPath(path, 'input'))),
      };
    }
    default:
      throw untranslatable(path, `assistant content blocks of type ${describeReceived(type)} have no equivalent in other formats.`);
  }
}

/** Reads `system` and `messages` into `ir.system` and `ir.messages`. */
export function decodeAnthropicContent(body: Record<string, unknown>, ir: IRRequest, paths: SourcePaths): void {
  const system = body['system'];
  if (typeof system === 'string') {
    if (system !== '') {
      ir.system = [{ type: 'text', text: system }];
      paths['system.0'] = 'system';
    }
  } else if (system !== undefined && system !== null) {
    const blocks = readArray(system, 'system').flatMap((raw, i): IRTextPart[] => {
      const p = `system.${i}`;
      const block = readObject(raw, p);
      readEnum(block['type'], joinPath(p, 'type'), ['text']);
      const part = readText(block, p);
      if (part) paths[`system.${i}`] = p;
      return part ? [part] : [];
    });
    if (blocks.length > 0) ir.system = blocks;
  }

  const builder = new ConversationBuilder(paths);
  readArray(body['messages'], 'messages').forEach((raw, i) => {
    const path = `messages.${i}`;
    const message = readObject(raw, path);
    checkKeys(message, path, ['role', 'content']);
    const role = readEnum(message['role'], joinPath(path, 'role'), ['user', 'assistant']);
    builder.boundary();
    const content = message['content'];
    if (typeof content === 'string') {
      if (content !== '') builder.add(role, { type: 'text', text: content }, joinPath(path, 'content'), path);
      return;
    }
    readArray(content, joinPath(path, 'content')).forEach((rawBlock, j) => {
      const p = joinPath(path, 'content', j);
      const block = readObject(rawBlock, p);
      const type = readString(block['type'], joinPath(p, 'type'));
      const part = role === 'user' ? readUserBlock(block, p, type) : readAssistantBlock(block, p, type);
      if (!part) return;
      if (part.type === 'tool_result') builder.add('tool', part, p, path, true);
      else builder.add(role, part, p, path);
    });
  });
  ir.messages = builder.messages;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function wrongPart(ir: IRRequest, i: number, j: number, part: IRPart, role: string): Error {
  return misplacedPart(ir, i, j, part, role, DIALECT);
}

function imageBlock(ir: IRRequest, part: IRImagePart, at: string): Record<string, unknown> {
  if (part.detail === 'low' || part.detail === 'high') {
    throw cannotCarry(ir, at, DIALECT, 'images have no resolution setting; leave out detail or use "auto".');
  }
  const source =
    part.source.kind === 'url'
      ? { type: 'url', url: part.source.url }
      : { type: 'base64', media_type: part.source.mediaType, data: part.source.data };
  return { type: 'image', source };
}

function userBlock(ir: IRRequest, part: IRPart, i: number, j: number): Record<string, unknown> {
  const at = partPath(i, j);
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return imageBlock(ir, part, at);
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: part.callId,
        content:
          typeof part.content === 'string'
            ? part.content
            : part.content.map((item) => (item.type === 'text' ? { type: 'text', text: item.text } : imageBlock(ir, item, at))),
        ...(part.isError ? { is_error: true } : {}),
      };
    default:
      throw wrongPart(ir, i, j, part, 'user');
  }
}

function toolInput(ir: IRRequest, args: string, at: string): Record<string, unknown> {
  const input = parseArgumentsObject(args);
  if (!input) throw cannotCarry(ir, at, DIALECT, 'tool_use input must be a JSON object, and these arguments are not one.');
  return input;
}

function assistantBlock(ir: IRRequest, part: IRPart, i: number, j: number): Record<string, unknown> {
  const at = partPath(i, j);
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'refusal':
      // Anthropic has no refusal channel; what the assistant said is text.
      return { type: 'text', text: part.text };
    case 'reasoning':
      if (part.origin !== DIALECT) {
        throw cannotCarry(ir, at, DIALECT, `this reasoning came from ${part.origin} and only that provider can read it back.`);
      }
      if (part.redacted) return { type: 'redacted_thinking', data: part.signature ?? '' };
      return { type: 'thinking', thinking: part.text ?? '', signature: part.signature ?? '' };
    case 'tool_call':
      if (part.kind === 'custom') throw cannotCarry(ir, at, DIALECT, 'custom (free-form) tool calls are not translated.');
      if (part.signature !== undefined) {
        throw cannotCarry(ir, at, DIALECT, 'the call carries a Gemini thought signature that only Gemini can read.');
      }
      return { type: 'tool_use', id: part.id, name: part.name, input: toolInput(ir, part.arguments, at) };
    default:
      throw wrongPart(ir, i, j, part, 'assistant');
  }
}

/** IR system as Anthropic `system`: a string for one block, text blocks for several. */
export function encodeAnthropicSystem(ir: IRRequest): string | unknown[] | undefined {
  const blocks = ir.system ?? [];
  if (blocks.length === 0) return undefined;
  if (blocks.length === 1) return blocks[0]?.text;
  return blocks.map((block) => ({ type: 'text', text: block.text }));
}

function simpleContent(blocks: Array<Record<string, unknown>>): string | Array<Record<string, unknown>> {
  const only = blocks[0];
  return blocks.length === 1 && only?.['type'] === 'text' ? (only['text'] as string) : blocks;
}

/** IR messages as Anthropic `messages`. */
export function encodeAnthropicMessages(ir: IRRequest): unknown[] {
  const out: Array<{ role: string; blocks: Array<Record<string, unknown>>; foldable: boolean }> = [];
  ir.messages.forEach((message: IRMessage, i) => {
    const last = out.at(-1);
    switch (message.role) {
      case 'system':
        throw cannotCarry(ir, `messages.${i}`, DIALECT, 'system instructions can only come before the conversation, in the system field.');
      case 'tool':
      case 'user': {
        const blocks = message.content.map((part, j) => {
          if (message.role === 'tool' && part.type !== 'tool_result') throw wrongPart(ir, i, j, part, 'tool');
          if (message.role === 'user' && part.type === 'tool_result') throw wrongPart(ir, i, j, part, 'user');
          return userBlock(ir, part, i, j);
        });
        // Results and the user's words after them travel in one user message.
        if (last?.foldable) {
          last.blocks.push(...blocks);
          last.foldable = message.role === 'tool';
        } else out.push({ role: 'user', blocks, foldable: message.role === 'tool' });
        return;
      }
      case 'assistant':
        out.push({ role: 'assistant', blocks: message.content.map((part, j) => assistantBlock(ir, part, i, j)), foldable: false });
        return;
    }
  });
  return out.map(({ role, blocks }) => ({ role, content: simpleContent(blocks) }));
}
