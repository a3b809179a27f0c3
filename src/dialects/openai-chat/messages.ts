/**
 * Chat Completions `messages` to and from IR messages.
 *
 * Leading system/developer messages become `system`; later ones stay in place as `system`
 * messages. Consecutive `tool` messages form one IR tool message, and are written back one per
 * result. Reasoning and images inside tool results have no Chat field.
 */
import { ConversationBuilder, partPath } from '../ir/conversation.js';
import { imageSourceFromUrl, imageSourceToUrl } from '../ir/media.js';
import { cannotCarry, joinPath, misplacedPart } from '../ir/provenance.js';
import { checkKeys, optional, readArray, readEnum, readObject, readString, untranslatable } from '../ir/read.js';
import type { IRImagePart, IRMessage, IRPart, IRRequest, IRTextPart, SourcePaths } from '../ir/request.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'openai-chat';

/** `content` that may only hold text: a string, or text parts. */
function readTexts(content: unknown, path: string): Array<[IRTextPart, string]> {
  if (typeof content === 'string') return content === '' ? [] : [[{ type: 'text', text: content }, path]];
  return readArray(content, path).flatMap((raw, i): Array<[IRTextPart, string]> => {
    const p = joinPath(path, i);
    const part = readObject(raw, p);
    readEnum(part['type'], joinPath(p, 'type'), ['text']);
    checkKeys(part, p, ['type', 'text']);
    const text = readString(part['text'], joinPath(p, 'text'));
    return text === '' ? [] : [[{ type: 'text', text }, p]];
  });
}

function readUserPart(raw: unknown, path: string): IRTextPart | IRImagePart | undefined {
  const part = readObject(raw, path);
  const type = readString(part['type'], joinPath(path, 'type'));
  if (type === 'text') {
    checkKeys(part, path, ['type', 'text']);
    const text = readString(part['text'], joinPath(path, 'text'));
    return text === '' ? undefined : { type: 'text', text };
  }
  if (type === 'image_url') {
    checkKeys(part, path, ['type', 'image_url']);
    const image = readObject(part['image_url'], joinPath(path, 'image_url'));
    checkKeys(image, joinPath(path, 'image_url'), ['url', 'detail']);
    const detail = optional(image['detail'], joinPath(path, 'image_url.detail'), (v, p) => readEnum(v, p, ['auto', 'low', 'high'] as const));
    return {
      type: 'image',
      source: imageSourceFromUrl(readString(image['url'], joinPath(path, 'image_url.url'))),
      ...(detail ? { detail } : {}),
    };
  }
  throw untranslatable(path, `Chat content parts of type ${describeReceived(type)} have no equivalent in other formats; text and image_url do.`);
}

function decodeAssistant(message: Record<string, unknown>, path: string, add: (part: IRPart, partPath: string) => void): void {
  checkKeys(message, path, ['role', 'content', 'refusal', 'tool_calls']);
  const content = message['content'];
  if (Array.isArray(content)) {
    content.forEach((raw, i) => {
      const p = joinPath(path, 'content', i);
      const part = readObject(raw, p);
      const type = readEnum(part['type'], joinPath(p, 'type'), ['text', 'refusal']);
      checkKeys(part, p, ['type', type]);
      const text = readString(part[type], joinPath(p, type));
      if (text !== '') add({ type, text }, p);
    });
  } else if (content !== undefined && content !== null) {
    const text = readString(content, joinPath(path, 'content'));
    if (text !== '') add({ type: 'text', text }, joinPath(path, 'content'));
  }
  const refusal = optional(message['refusal'], joinPath(path, 'refusal'), readString);
  if (refusal) add({ type: 'refusal', text: refusal }, joinPath(path, 'refusal'));
  const calls = optional(message['tool_calls'], joinPath(path, 'tool_calls'), readArray) ?? [];
  calls.forEach((raw, i) => {
    const p = joinPath(path, 'tool_calls', i);
    const call = readObject(raw, p);
    readEnum(call['type'], joinPath(p, 'type'), ['function']);
    checkKeys(call, p, ['id', 'type', 'function']);
    const fn = readObject(call['function'], joinPath(p, 'function'));
    checkKeys(fn, joinPath(p, 'function'), ['name', 'arguments']);
    add(
      {
        type: 'tool_call',
        id: readString(call['id'], joinPath(p, 'id')),
        name: readString(fn['name'], joinPath(p, 'function.name')),
        arguments: readString(fn['arguments'], joinPath(p, 'function.arguments')),
      },
      p,
    );
  });
}

/** Reads `messages` into `ir.system` and `ir.messages`. */
export function decodeChatMessages(list: unknown[], ir: IRRequest, paths: SourcePaths): void {
  const builder = new ConversationBuilder(paths);
  const system: IRTextPart[] = [];
  list.forEach((raw, i) => {
    const path = `messages.${i}`;
    const message = readObject(raw, path);
    const role = readEnum(message['role'], joinPath(path, 'role'), ['system', 'developer', 'user', 'assistant', 'tool']);
    builder.boundary();
    switch (role) {
      case 'system':
      case 'developer': {
        checkKeys(message, path, ['role', 'content']);
        for (const [part, p] of readTexts(message['content'], joinPath(path, 'content'))) {
          if (builder.messages.length === 0) {
            paths[`system.${system.length}`] = p;
            system.push(part);
          } else builder.add('system', part, p, path);
        }
        return;
      }
      case 'user': {
        checkKeys(message, path, ['role', 'content']);
        const content = message['content'];
        if (typeof content === 'string') {
          if (content !== '') builder.add('user', { type: 'text', text: content }, joinPath(path, 'content'), path);
          return;
        }
        readArray(content, joinPath(path, 'content')).forEach((part, j) => {
          const p = joinPath(path, 'content', j);
          const decoded = readUserPart(part, p);
          if (decoded) builder.add('user', decoded, p, path);
        });
        return;
      }
      case 'assistant':
        decodeAssistant(message, path, (part, p) => builder.add('assistant', part, p, path));
        return;
      case 'tool': {
        checkKeys(message, path, ['role', 'tool_call_id', 'content']);
        const content = message['content'];
        builder.add(
          'tool',
          {
            type: 'tool_result',
            callId: readString(message['tool_call_id'], joinPath(path, 'tool_call_id')),
            content: typeof content === 'string' ? content : readTexts(content, joinPath(path, 'content')).map(([t]) => t),
          },
          path,
          path,
          true,
        );
        return;
      }
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

function textOnly(ir: IRRequest, message: IRMessage, i: number): string | Array<{ type: 'text'; text: string }> {
  const texts = message.content.map((part, j) => {
    if (part.type !== 'text') throw wrongPart(ir, i, j, part, message.role);
    return part.text;
  });
  return texts.length === 1 ? (texts[0] ?? '') : texts.map((text) => ({ type: 'text' as const, text }));
}

function userContent(ir: IRRequest, message: IRMessage, i: number): unknown {
  const only = message.content[0];
  if (message.content.length === 1 && only?.type === 'text') return only.text;
  return message.content.map((part, j) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'image') {
      return { type: 'image_url', image_url: { url: imageSourceToUrl(part.source), ...(part.detail ? { detail: part.detail } : {}) } };
    }
    throw wrongPart(ir, i, j, part, 'user');
  });
}

function assistantMessage(ir: IRRequest, message: IRMessage, i: number): Record<string, unknown> {
  const texts: string[] = [];
  const refusals: string[] = [];
  const calls: unknown[] = [];
  message.content.forEach((part, j) => {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        return;
      case 'refusal':
        refusals.push(part.text);
        return;
      case 'tool_call':
        if (part.kind === 'custom') throw cannotCarry(ir, partPath(i, j), DIALECT, 'custom (free-form) tool calls are not translated.');
        if (part.signature !== undefined) {
          throw cannotCarry(ir, partPath(i, j), DIALECT, 'the call carries a Gemini thought signature that only Gemini can read.');
        }
        calls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
        return;
      case 'reasoning':
        throw cannotCarry(ir, partPath(i, j), DIALECT, `Chat Completions takes no reasoning back, and this reasoning came from ${part.origin}.`);
      default:
        throw wrongPart(ir, i, j, part, 'assistant');
    }
  });
  return {
    role: 'assistant',
    content: texts.length === 0 ? null : texts.length === 1 ? texts[0] : texts.map((text) => ({ type: 'text', text })),
    ...(refusals.length > 0 ? { refusal: refusals.join('') } : {}),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
  };
}

function toolMessages(ir: IRRequest, message: IRMessage, i: number): unknown[] {
  return message.content.map((part, j) => {
    if (part.type !== 'tool_result') throw wrongPart(ir, i, j, part, 'tool');
    if (part.isError) {
      throw cannotCarry(ir, partPath(i, j), DIALECT, 'a tool message has no error flag; say that the tool failed in the result text instead.');
    }
    const content =
      typeof part.content === 'string'
        ? part.content
        : part.content.map((item) => {
            if (item.type !== 'text') throw cannotCarry(ir, partPath(i, j), DIALECT, 'tool results can only hold text.');
            return { type: 'text', text: item.text };
          });
    return { role: 'tool', tool_call_id: part.callId, content };
  });
}

/** IR system and messages as Chat `messages`. */
export function encodeChatMessages(ir: IRRequest): unknown[] {
  const out: unknown[] = (ir.system ?? []).map((block) => ({ role: 'system', content: block.text }));
  ir.messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: textOnly(ir, message, i) });
        return;
      case 'user':
        out.push({ role: 'user', content: userContent(ir, message, i) });
        return;
      case 'assistant':
        out.push(assistantMessage(ir, message, i));
        return;
      case 'tool':
        out.push(...toolMessages(ir, message, i));
        return;
    }
  });
  return out;
}
