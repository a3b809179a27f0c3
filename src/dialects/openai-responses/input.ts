/**
 * Responses `input` (and `instructions`) to and from IR messages.
 *
 * The Responses API splits an assistant turn into items (reasoning, message, function_call), so
 * consecutive assistant-side items form one IR assistant message, and consecutive
 * `function_call_output` items one IR tool message. Reasoning items carry their tokens in
 * `encrypted_content`; a token another provider made travels there wrapped (see `reasoning.ts`).
 */
import { ConversationBuilder, partPath } from '../ir/conversation.js';
import { imageSourceFromUrl, imageSourceToUrl } from '../ir/media.js';
import { cannotCarry, joinPath, misplacedPart } from '../ir/provenance.js';
import { reasoningFromSlot, reasoningSlot } from '../ir/reasoning.js';
import {
  checkKeys,
  optional,
  readArray,
  readEnum,
  readObject,
  readString,
  untranslatable,
} from '../ir/read.js';
import type { IRImagePart, IRMessage, IRPart, IRRequest, IRTextPart, SourcePaths } from '../ir/request.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'openai-responses';

/** Item fields that only identify or describe an item OpenAI stored; no effect on generation. */
const ITEM_ADVISORY = ['id', 'status'];

function readInputPart(raw: unknown, path: string): IRTextPart | IRImagePart | undefined {
  const part = readObject(raw, path);
  const type = readString(part['type'], joinPath(path, 'type'));
  if (type === 'input_text') {
    checkKeys(part, path, ['type', 'text']);
    const text = readString(part['text'], joinPath(path, 'text'));
    return text === '' ? undefined : { type: 'text', text };
  }
  if (type === 'input_image') {
    checkKeys(part, path, ['type', 'image_url', 'detail']);
    const detail = optional(part['detail'], joinPath(path, 'detail'), (v, p) => readEnum(v, p, ['auto', 'low', 'high']));
    return {
      type: 'image',
      source: imageSourceFromUrl(readString(part['image_url'], joinPath(path, 'image_url'))),
      ...(detail ? { detail } : {}),
    };
  }
  throw untranslatable(path, `input parts of type ${describeReceived(type)} have no equivalent in other formats; input_text and input_image do.`);
}

/** Message `content`: a string, or parts read by `readPart`. */
function readContent<T extends IRPart>(
  content: unknown,
  path: string,
  readPart: (raw: unknown, path: string) => T | undefined,
): Array<[T, string]> {
  if (typeof content === 'string') return content === '' ? [] : [[{ type: 'text', text: content } as T, path]];
  return readArray(content, path).flatMap((raw, i): Array<[T, string]> => {
    const p = joinPath(path, i);
    const part = readPart(raw, p);
    return part ? [[part, p]] : [];
  });
}

function readAssistantPart(raw: unknown, path: string): IRPart | undefined {
  const part = readObject(raw, path);
  const type = readEnum(part['type'], joinPath(path, 'type'), ['output_text', 'input_text', 'refusal']);
  if (type === 'refusal') {
    checkKeys(part, path, ['type', 'refusal']);
    const text = readString(part['refusal'], joinPath(path, 'refusal'));
    return text === '' ? undefined : { type: 'refusal', text };
  }
  // Citations and log probabilities describe an earlier answer; the text is what the model sees.
  checkKeys(part, path, ['type', 'text'], ['annotations', 'logprobs']);
  const text = readString(part['text'], joinPath(path, 'text'));
  return text === '' ? undefined : { type: 'text', text };
}

function readTextPart(raw: unknown, path: string): IRTextPart | undefined {
  const part = readObject(raw, path);
  readEnum(part['type'], joinPath(path, 'type'), ['input_text']);
  checkKeys(part, path, ['type', 'text']);
  const text = readString(part['text'], joinPath(path, 'text'));
  return text === '' ? undefined : { type: 'text', text };
}

function readReasoning(item: Record<string, unknown>, path: string): IRPart {
  // `content` repeats the reasoning text OpenAI keeps; the summary and token are what go back.
  checkKeys(item, path, ['type', 'id', 'summary', 'encrypted_content'], ['status', 'content']);
  const summary = (optional(item['summary'], joinPath(path, 'summary'), readArray) ?? []).map((raw, i) => {
    const p = joinPath(path, 'summary', i);
    const part = readObject(raw, p);
    readEnum(part['type'], joinPath(p, 'type'), ['summary_text']);
    return readString(part['text'], joinPath(p, 'text'));
  });
  const id = optional(item['id'], joinPath(path, 'id'), readString);
  const encrypted = optional(item['encrypted_content'], joinPath(path, 'encrypted_content'), readString);
  return reasoningFromSlot(encrypted, DIALECT, summary.join('\n\n'), id);
}

function readOutput(value: unknown, path: string): string | Array<IRTextPart | IRImagePart> {
  if (typeof value === 'string') return value;
  return readContent(value, path, readInputPart).map(([part]) => part);
}

/** Reads `instructions` and `input` into `ir.system` and `ir.messages`. */
export function decodeResponsesInput(body: Record<string, unknown>, ir: IRRequest, paths: SourcePaths): void {
  const system: IRTextPart[] = [];
  const instructions = optional(body['instructions'], 'instructions', readString);
  if (instructions) {
    paths['system.0'] = 'instructions';
    system.push({ type: 'text', text: instructions });
  }
  const builder = new ConversationBuilder(paths);
  const input = body['input'];
  const items: unknown[] = typeof input === 'string' ? [{ role: 'user', content: input }] : readArray(input, 'input');
  items.forEach((raw, i) => {
    const path = typeof input === 'string' ? 'input' : `input.${i}`;
    const item = readObject(raw, path);
    const type = optional(item['type'], joinPath(path, 'type'), readString) ?? 'message';
    builder.boundary();
    switch (type) {
      case 'message': {
        const role = readEnum(item['role'], joinPath(path, 'role'), ['user', 'assistant', 'system', 'developer']);
        // `phase` marks an earlier answer as commentary or final; the text is what matters.
        checkKeys(item, path, ['type', 'role', 'content'], [...ITEM_ADVISORY, 'phase']);
        const contentPath = typeof input === 'string' ? 'input' : joinPath(path, 'content');
        if (role === 'assistant') {
          for (const [part, p] of readContent(item['content'], contentPath, readAssistantPart)) builder.add('assistant', part, p, path, true);
        } else if (role === 'user') {
          for (const [part, p] of readContent(item['content'], contentPath, readInputPart)) builder.add('user', part, p, path);
        } else {
          for (const [part, p] of readContent(item['content'], contentPath, readTextPart)) {
            if (builder.messages.length === 0) {
              paths[`system.${system.length}`] = p;
              system.push(part);
            } else builder.add('system', part, p, path);
          }
        }
        return;
      }
      case 'function_call':
        checkKeys(item, path, ['type', 'call_id', 'name', 'arguments'], ITEM_ADVISORY);
        builder.add(
          'assistant',
          {
            type: 'tool_call',
            id: readString(item['call_id'], joinPath(path, 'call_id')),
            name: readString(item['name'], joinPath(path, 'name')),
            arguments: readString(item['arguments'], joinPath(path, 'arguments')),
          },
          path,
          path,
          true,
        );
        return;
      case 'function_call_output':
        checkKeys(item, path, ['type', 'call_id', 'output'], ITEM_ADVISORY);
        builder.add(
          'tool',
          { type: 'tool_result', callId: readString(item['call_id'], joinPath(path, 'call_id')), content: readOutput(item['output'], joinPath(path, 'output')) },
          path,
          path,
          true,
        );
        return;
      case 'reasoning':
        builder.add('assistant', readReasoning(item, path), path, path, true);
        return;
      default:
        throw untranslatable(path, `input items of type ${describeReceived(type)} have no equivalent in other formats.`);
    }
  });
  if (system.length > 0) ir.system = system;
  ir.messages = builder.messages;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function wrongPart(ir: IRRequest, i: number, j: number, part: IRPart, role: string): Error {
  return misplacedPart(ir, i, j, part, role, DIALECT);
}

function inputPart(ir: IRRequest, part: IRPart, i: number, j: number, role: string): Record<string, unknown> {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') {
    return { type: 'input_image', image_url: imageSourceToUrl(part.source), ...(part.detail ? { detail: part.detail } : {}) };
  }
  throw wrongPart(ir, i, j, part, role);
}

function simpleMessage(ir: IRRequest, message: IRMessage, i: number): Record<string, unknown> {
  const only = message.content[0];
  if (message.content.length === 1 && only?.type === 'text') return { role: message.role, content: only.text };
  return { role: message.role, content: message.content.map((part, j) => inputPart(ir, part, i, j, message.role)) };
}

function assistantItems(ir: IRRequest, message: IRMessage, i: number): unknown[] {
  const items: unknown[] = [];
  let run: IRPart[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const only = run[0];
    items.push({
      role: 'assistant',
      content:
        run.length === 1 && only?.type === 'text'
          ? only.text
          : run.map((part) => (part.type === 'refusal' ? { type: 'refusal', refusal: part.text } : { type: 'output_text', text: (part as IRTextPart).text })),
    });
    run = [];
  };
  message.content.forEach((part, j) => {
    if (part.type === 'text' || part.type === 'refusal') {
      run.push(part);
      return;
    }
    flush();
    if (part.type === 'tool_call') {
      if (part.signature !== undefined) {
        throw cannotCarry(ir, partPath(i, j), DIALECT, 'the call carries a Gemini thought signature that only Gemini can read.');
      }
      items.push(
        part.kind === 'custom'
          ? { type: 'custom_tool_call', call_id: part.id, name: part.name, input: part.arguments }
          : { type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments },
      );
    } else if (part.type === 'reasoning') {
      if (part.origin !== DIALECT) {
        throw cannotCarry(ir, partPath(i, j), DIALECT, `this reasoning came from ${part.origin} and only that provider can read it back.`);
      }
      const token = reasoningSlot(part, DIALECT);
      items.push({
        type: 'reasoning',
        ...(part.id !== undefined ? { id: part.id } : {}),
        summary: part.text !== undefined ? [{ type: 'summary_text', text: part.text }] : [],
        ...(token !== undefined ? { encrypted_content: token } : {}),
      });
    } else throw wrongPart(ir, i, j, part, 'assistant');
  });
  flush();
  return items;
}

function toolItems(ir: IRRequest, message: IRMessage, i: number): unknown[] {
  return message.content.map((part, j) => {
    if (part.type !== 'tool_result') throw wrongPart(ir, i, j, part, 'tool');
    if (part.isError) {
      throw cannotCarry(ir, partPath(i, j), DIALECT, 'function_call_output has no error flag; say that the tool failed in the output text instead.');
    }
    return {
      type: 'function_call_output',
      call_id: part.callId,
      output: typeof part.content === 'string' ? part.content : part.content.map((item) => inputPart(ir, item, i, j, 'tool')),
    };
  });
}

/** IR system and messages as `instructions` and `input` (a plain string for a single user text). */
export function encodeResponsesInput(ir: IRRequest): { instructions?: string; input: string | unknown[] } {
  const [first, ...rest] = ir.system ?? [];
  const only = ir.messages[0];
  const onlyPart = only?.content[0];
  if (rest.length === 0 && ir.messages.length === 1 && only?.role === 'user' && only.content.length === 1 && onlyPart?.type === 'text') {
    return { ...(first ? { instructions: first.text } : {}), input: onlyPart.text };
  }
  const items: unknown[] = rest.map((block) => ({ role: 'system', content: block.text }));
  ir.messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
      case 'user':
        items.push(simpleMessage(ir, message, i));
        return;
      case 'assistant':
        items.push(...assistantItems(ir, message, i));
        return;
      case 'tool':
        items.push(...toolItems(ir, message, i));
        return;
    }
  });
  return { ...(first ? { instructions: first.text } : {}), input: items };
}
