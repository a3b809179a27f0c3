/**
 * Interactions `input` (a string, content, or steps) to and from IR messages.
 *
 * Steps: `user_input` is a user turn; consecutive `thought`, `model_output` and `function_call`
 * steps are one assistant turn; consecutive `function_result` steps one tool turn. A thought's
 * `signature` is its reasoning token; one another provider made travels there wrapped.
 */
import { argumentsToText, parseArgumentsObject } from '../ir/arguments.js';
import { ConversationBuilder, partPath } from '../ir/conversation.js';
import { cannotCarry, joinPath, misplacedPart } from '../ir/provenance.js';
import { reasoningFromSlot } from '../ir/reasoning.js';
import { isJsonObject } from '../ir/json.js';
import {
  checkKeys,
  optional,
  readArray,
  readBoolean,
  readObject,
  readString,
  untranslatable,
} from '../ir/read.js';
import type { IRImagePart, IRMessage, IRPart, IRRequest, IRTextPart, IRToolResultPart, JsonObject, SourcePaths } from '../ir/request.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'gemini-interactions';

const CONTENT_TYPES = ['text', 'image', 'audio', 'document', 'video'];

function readContent(raw: unknown, path: string): IRTextPart | IRImagePart | undefined {
  const content = readObject(raw, path);
  const type = readString(content['type'], joinPath(path, 'type'));
  if (type === 'text') {
    // Citations describe an earlier answer; the text is what the model sees.
    checkKeys(content, path, ['type', 'text'], ['annotations']);
    const text = readString(content['text'], joinPath(path, 'text'));
    return text === '' ? undefined : { type: 'text', text };
  }
  if (type === 'image') {
    checkKeys(content, path, ['type', 'data', 'mime_type', 'uri']);
    const mediaType = optional(content['mime_type'], joinPath(path, 'mime_type'), readString);
    const uri = optional(content['uri'], joinPath(path, 'uri'), readString);
    if (uri !== undefined) return { type: 'image', source: { kind: 'url', url: uri, ...(mediaType !== undefined ? { mediaType } : {}) } };
    if (mediaType === undefined) throw untranslatable(joinPath(path, 'mime_type'), 'Inline image data needs its mime_type to be translated.');
    return { type: 'image', source: { kind: 'base64', mediaType, data: readString(content['data'], joinPath(path, 'data')) } };
  }
  throw untranslatable(path, `Content of type ${describeReceived(type)} has no equivalent in other formats; text and image do.`);
}

function readContents(value: unknown, path: string): Array<[IRTextPart | IRImagePart, string]> {
  return (optional(value, path, readArray) ?? []).flatMap((raw, i): Array<[IRTextPart | IRImagePart, string]> => {
    const p = joinPath(path, i);
    const part = readContent(raw, p);
    return part ? [[part, p]] : [];
  });
}

function readResult(step: JsonObject, path: string): IRToolResultPart {
  checkKeys(step, path, ['type', 'call_id', 'name', 'result', 'is_error']);
  const name = optional(step['name'], joinPath(path, 'name'), readString);
  const isError = optional(step['is_error'], joinPath(path, 'is_error'), readBoolean);
  const result = step['result'];
  let content: IRToolResultPart['content'];
  if (typeof result === 'string') content = result;
  else if (Array.isArray(result)) content = readContents(result, joinPath(path, 'result')).map(([part]) => part);
  else content = JSON.stringify(readObject(result, joinPath(path, 'result')));
  return {
    type: 'tool_result',
    callId: readString(step['call_id'], joinPath(path, 'call_id')),
    ...(name !== undefined ? { name } : {}),
    content,
    ...(isError ? { isError: true } : {}),
  };
}

function readStep(step: JsonObject, path: string, type: string, builder: ConversationBuilder): void {
  switch (type) {
    case 'user_input':
      checkKeys(step, path, ['type', 'content']);
      for (const [part, p] of readContents(step['content'], joinPath(path, 'content'))) builder.add('user', part, p, path);
      return;
    case 'model_output':
      checkKeys(step, path, ['type', 'content']);
      for (const [part, p] of readContents(step['content'], joinPath(path, 'content'))) builder.add('assistant', part, p, path, true);
      return;
    case 'thought': {
      checkKeys(step, path, ['type', 'signature', 'summary']);
      const summary = readContents(step['summary'], joinPath(path, 'summary'))
        .map(([part]) => (part.type === 'text' ? part.text : ''))
        .join('');
      const signature = optional(step['signature'], joinPath(path, 'signature'), readString);
      builder.add('assistant', reasoningFromSlot(signature || undefined, DIALECT, summary), path, path, true);
      return;
    }
    case 'function_call': {
      checkKeys(step, path, ['type', 'id', 'name', 'arguments', 'signature']);
      const signature = optional(step['signature'], joinPath(path, 'signature'), readString);
      if (signature) builder.add('assistant', { type: 'reasoning', origin: DIALECT, signature }, joinPath(path, 'signature'), path, true);
      builder.add(
        'assistant',
        {
          type: 'tool_call',
          id: readString(step['id'], joinPath(path, 'id')),
          name: readString(step['name'], joinPath(path, 'name')),
          arguments: argumentsToText(optional(step['arguments'], joinPath(path, 'arguments'), readObject) ?? {}),
        },
        path,
        path,
        true,
      );
      return;
    }
    case 'function_result':
      builder.add('tool', readResult(step, path), path, path, true);
      return;
    default:
      throw untranslatable(path, `Steps of type ${describeReceived(type)} have no equivalent in other formats.`);
  }
}

/** Reads `input` into `ir.messages`. */
export function decodeInteractionsInput(input: unknown, ir: IRRequest, paths: SourcePaths): void {
  const builder = new ConversationBuilder(paths);
  if (typeof input === 'string') {
    if (input !== '') builder.add('user', { type: 'text', text: input }, 'input', 'input');
  } else if (isJsonObject(input)) {
    const part = readContent(input, 'input');
    if (part) builder.add('user', part, 'input', 'input');
  } else {
    const list = readArray(input, 'input');
    const contentsOnly = list.every((item) => isJsonObject(item) && CONTENT_TYPES.includes(String(item['type'])));
    list.forEach((raw, i) => {
      const path = `input.${i}`;
      if (contentsOnly) {
        const part = readContent(raw, path);
        if (part) builder.add('user', part, path, 'input');
        return;
      }
      const step = readObject(raw, path);
      builder.boundary();
      readStep(step, path, readString(step['type'], joinPath(path, 'type')), builder);
    });
  }
  ir.messages = builder.messages;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function wrongPart(ir: IRRequest, i: number, j: number, part: IRPart, role: string): Error {
  return misplacedPart(ir, i, j, part, role, DIALECT);
}

function contentOf(ir: IRRequest, part: IRPart, at: string, i: number, j: number, role: string): JsonObject {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'image') {
    if (part.detail === 'low' || part.detail === 'high') {
      throw cannotCarry(ir, at, DIALECT, 'images take a resolution, not an OpenAI detail; leave out detail or use "auto".');
    }
    const source = part.source;
    return source.kind === 'base64'
      ? { type: 'image', data: source.data, mime_type: source.mediaType }
      : { type: 'image', uri: source.url, ...(source.mediaType !== undefined ? { mime_type: source.mediaType } : {}) };
  }
  throw wrongPart(ir, i, j, part, role);
}

function toolArgs(ir: IRRequest, args: string, at: string): JsonObject {
  const object = parseArgumentsObject(args);
  if (!object) throw cannotCarry(ir, at, DIALECT, 'function_call arguments must be a JSON object, and these are not one.');
  return object;
}

function assistantSteps(ir: IRRequest, message: IRMessage, i: number): JsonObject[] {
  const steps: JsonObject[] = [];
  let run: JsonObject[] = [];
  const flush = (): void => {
    if (run.length > 0) steps.push({ type: 'model_output', content: run });
    run = [];
  };
  message.content.forEach((part, j) => {
    const at = partPath(i, j);
    if (part.type === 'text' || part.type === 'refusal') {
      run.push({ type: 'text', text: part.text });
      return;
    }
    flush();
    if (part.type === 'reasoning') {
      if (part.origin !== DIALECT) {
        throw cannotCarry(ir, at, DIALECT, `this reasoning came from ${part.origin} and only that provider can read it back.`);
      }
      steps.push({
        type: 'thought',
        ...(part.signature !== undefined ? { signature: part.signature } : {}),
        ...(part.text !== undefined ? { summary: [{ type: 'text', text: part.text }] } : {}),
      });
    } else if (part.type === 'tool_call') {
      if (part.kind === 'custom') throw cannotCarry(ir, at, DIALECT, 'custom (free-form) tool calls are not translated.');
      if (part.signature !== undefined) {
        throw cannotCarry(ir, at, DIALECT, 'the call carries a generateContent thought signature that Interactions cannot read.');
      }
      steps.push({ type: 'function_call', id: part.id, name: part.name, arguments: toolArgs(ir, part.arguments, at) });
    } else throw wrongPart(ir, i, j, part, 'assistant');
  });
  flush();
  return steps;
}

/** IR messages as `input`: a plain string for a single user text, else steps. */
export function encodeInteractionsInput(ir: IRRequest): string | JsonObject[] {
  const only = ir.messages[0];
  const onlyPart = only?.content[0];
  if (ir.messages.length === 1 && only?.role === 'user' && only.content.length === 1 && onlyPart?.type === 'text') return onlyPart.text;
  const steps: JsonObject[] = [];
  ir.messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
        throw cannotCarry(ir, `messages.${i}`, DIALECT, 'system instructions can only come before the conversation, in system_instruction.');
      case 'user':
        steps.push({ type: 'user_input', content: message.content.map((part, j) => contentOf(ir, part, partPath(i, j), i, j, 'user')) });
        return;
      case 'assistant':
        steps.push(...assistantSteps(ir, message, i));
        return;
      case 'tool':
        message.content.forEach((part, j) => {
          if (part.type !== 'tool_result') throw wrongPart(ir, i, j, part, 'tool');
          steps.push({
            type: 'function_result',
            call_id: part.callId,
            ...(part.name !== undefined ? { name: part.name } : {}),
            result: typeof part.content === 'string' ? part.content : part.content.map((item) => contentOf(ir, item, partPath(i, j), i, j, 'tool')),
            ...(part.isError ? { is_error: true } : {}),
          });
        });
        return;
    }
  });
  return steps;
}
