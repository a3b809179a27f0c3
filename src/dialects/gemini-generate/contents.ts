/**
 * Gemini `systemInstruction` and `contents` to and from IR.
 *
 * Function calls in a request carry no id on the wire (Gemini pairs a response with its call by
 * name and order), so decoding names them `call_<content>_<n>` (the n-th call of that content)
 * and pairs each function response with the earliest unanswered call of that name; encoding
 * leaves ids out (the request side rejects them on some Gemini versions). A function
 * response's `response` object becomes the result text: `{"output": "…"}` its string, `{"error":
 * "…"}` an error result, anything else its JSON.
 */
import { parseArgumentsObject } from '../ir/arguments.js';
import { ConversationBuilder, partPath, toolNamesById } from '../ir/conversation.js';
import { guessImageMediaType } from '../ir/media.js';
import { cannotCarry, joinPath, misplacedPart } from '../ir/provenance.js';
import { isJsonObject } from '../ir/json.js';
import { checkKeys, optional, readArray, readEnum, readObject, readString, untranslatable } from '../ir/read.js';
import type { IRImagePart, IRMessage, IRPart, IRRequest, IRTextPart, IRToolResultPart, JsonObject, SourcePaths } from '../ir/request.js';
import { DIALECT, decodeModelParts, encodeModelParts, type GeminiPart } from './parts.js';

/** The signature Gemini documents for history it did not sign (another model's turns). */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

const MODEL_PART_KEYS = ['text', 'thought', 'thoughtSignature', 'functionCall'];

function readMedia(part: JsonObject, key: 'inlineData' | 'fileData', path: string): IRImagePart {
  const p = joinPath(path, key);
  const data = readObject(part[key], p);
  const mediaType = readString(data['mimeType'], joinPath(p, 'mimeType'));
  if (!mediaType.startsWith('image/')) {
    throw untranslatable(p, `Only images can be translated, not ${JSON.stringify(mediaType)}.`);
  }
  if (key === 'inlineData') {
    checkKeys(data, p, ['mimeType', 'data']);
    return { type: 'image', source: { kind: 'base64', mediaType, data: readString(data['data'], joinPath(p, 'data')) } };
  }
  checkKeys(data, p, ['mimeType', 'fileUri']);
  return { type: 'image', source: { kind: 'url', url: readString(data['fileUri'], joinPath(p, 'fileUri')), mediaType } };
}

function resultContent(response: JsonObject): { content: string; isError?: true } {
  const keys = Object.keys(response);
  const only = keys.length === 1 ? response[keys[0] ?? ''] : undefined;
  if (keys[0] === 'output' && typeof only === 'string') return { content: only };
  if (keys[0] === 'error' && typeof only === 'string') return { content: only, isError: true };
  return { content: JSON.stringify(response) };
}

/** Reads `systemInstruction` and `contents` into `ir.system` and `ir.messages`. */
export function decodeGeminiContents(body: JsonObject, ir: IRRequest, paths: SourcePaths): void {
  const instruction = optional(body['systemInstruction'], 'systemInstruction', readObject);
  if (instruction) {
    checkKeys(instruction, 'systemInstruction', ['parts', 'role']);
    const system: IRTextPart[] = [];
    readArray(instruction['parts'], 'systemInstruction.parts').forEach((raw, i) => {
      const p = `systemInstruction.parts.${i}`;
      const part = readObject(raw, p);
      checkKeys(part, p, ['text']);
      const text = readString(part['text'], joinPath(p, 'text'));
      if (text === '') return;
      paths[`system.${system.length}`] = p;
      system.push({ type: 'text', text });
    });
    if (system.length > 0) ir.system = system;
  }

  const builder = new ConversationBuilder(paths);
  const unanswered = new Map<string, string[]>();
  readArray(body['contents'], 'contents').forEach((raw, i) => {
    const path = `contents.${i}`;
    const content = readObject(raw, path);
    checkKeys(content, path, ['role', 'parts']);
    const role = optional(content['role'], joinPath(path, 'role'), (v, p) => readEnum(v, p, ['user', 'model'])) ?? 'user';
    const parts = readArray(content['parts'], joinPath(path, 'parts'));
    builder.boundary();
    if (role === 'model') {
      parts.forEach((rawPart, j) => checkKeys(readObject(rawPart, joinPath(path, 'parts', j)), joinPath(path, 'parts', j), MODEL_PART_KEYS));
      for (const { part, index } of decodeModelParts(parts, (n) => `call_${i}_${n}`)) {
        if (part.type === 'tool_call') unanswered.set(part.name, [...(unanswered.get(part.name) ?? []), part.id]);
        builder.add('assistant', part, joinPath(path, 'parts', index), path);
      }
      return;
    }
    parts.forEach((rawPart, j) => {
      const p = joinPath(path, 'parts', j);
      const part = readObject(rawPart, p);
      if (isJsonObject(part['functionResponse'])) {
        checkKeys(part, p, ['functionResponse']);
        const rp = joinPath(p, 'functionResponse');
        const fr = part['functionResponse'];
        checkKeys(fr, rp, ['id', 'name', 'response']);
        const name = readString(fr['name'], joinPath(rp, 'name'));
        const queue = unanswered.get(name) ?? [];
        const id = optional(fr['id'], joinPath(rp, 'id'), readString) ?? queue[0] ?? `call_${i}_${j}`;
        unanswered.set(name, queue.filter((pending) => pending !== id));
        const result: IRToolResultPart = { type: 'tool_result', callId: id, name, ...resultContent(readObject(fr['response'], joinPath(rp, 'response'))) };
        builder.add('tool', result, p, path, true);
        return;
      }
      if (part['inlineData'] !== undefined || part['fileData'] !== undefined) {
        const key = part['inlineData'] !== undefined ? 'inlineData' : 'fileData';
        checkKeys(part, p, [key]);
        builder.add('user', readMedia(part, key, p), p, path);
        return;
      }
      if (typeof part['text'] === 'string') {
        checkKeys(part, p, ['text']);
        if (part['text'] !== '') builder.add('user', { type: 'text', text: part['text'] }, p, path);
        return;
      }
      throw untranslatable(p, 'Only text, images and function responses can be translated from a user turn.');
    });
  });
  ir.messages = builder.messages;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Gemini 3 and later reject replayed function calls without a thought signature. */
function needsSignatures(model: string): boolean {
  const major = /gemini-(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 3;
}

function wrongPart(ir: IRRequest, i: number, j: number, part: IRPart, role: string): Error {
  return misplacedPart(ir, i, j, part, role, DIALECT);
}

function imagePart(ir: IRRequest, part: IRImagePart, at: string): GeminiPart {
  if (part.detail === 'low' || part.detail === 'high') {
    throw cannotCarry(ir, at, DIALECT, 'images have no detail setting; leave out detail or use "auto".');
  }
  const source = part.source;
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  const mimeType = source.mediaType ?? guessImageMediaType(source.url);
  if (mimeType === undefined) {
    throw cannotCarry(
      ir,
      at,
      DIALECT,
      'Gemini needs the media type of an image URL and this URL does not end in .png, .jpg, .jpeg, .webp, .gif, .heic or .heif; send the image as base64 (a data: URL) instead.',
    );
  }
  return { fileData: { mimeType, fileUri: source.url } };
}

function resultPart(ir: IRRequest, part: IRToolResultPart, name: string | undefined, at: string): GeminiPart {
  if (name === undefined) {
    throw cannotCarry(ir, at, DIALECT, `a function response needs the function's name, and no earlier call has the id ${JSON.stringify(part.callId)}.`);
  }
  let text: string;
  if (typeof part.content === 'string') text = part.content;
  else {
    text = part.content
      .map((item) => {
        if (item.type !== 'text') throw cannotCarry(ir, at, DIALECT, 'function responses can only hold text.');
        return item.text;
      })
      .join('');
  }
  let response: JsonObject;
  if (part.isError) response = { error: text };
  else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    response = isJsonObject(parsed) ? parsed : { output: text };
  }
  return { functionResponse: { name, response } };
}

function userPart(ir: IRRequest, part: IRPart, i: number, j: number, names: Map<string, string>): GeminiPart {
  const at = partPath(i, j);
  if (part.type === 'text') return { text: part.text };
  if (part.type === 'image') return imagePart(ir, part, at);
  if (part.type === 'tool_result') return resultPart(ir, part, part.name ?? names.get(part.callId), at);
  throw wrongPart(ir, i, j, part, 'user');
}

function toolArgs(ir: IRRequest, args: string, at: string): JsonObject {
  const object = parseArgumentsObject(args);
  if (!object) throw cannotCarry(ir, at, DIALECT, 'function call args must be a JSON object, and these arguments are not one.');
  return object;
}

function modelParts(ir: IRRequest, message: IRMessage, i: number): GeminiPart[] {
  const parts = message.content.map((part, j) => {
    if (part.type === 'text' || part.type === 'refusal' || part.type === 'reasoning' || part.type === 'tool_call') return part;
    throw wrongPart(ir, i, j, part, 'assistant');
  });
  const out = encodeModelParts(
    parts,
    (part, j) => {
      if (part.origin !== DIALECT) {
        throw cannotCarry(ir, partPath(i, j), DIALECT, `this reasoning came from ${part.origin} and only that provider can read it back.`);
      }
      return part.signature;
    },
    (call, j) => {
      if (call.kind === 'custom') throw cannotCarry(ir, partPath(i, j), DIALECT, 'custom (free-form) tool calls are not translated.');
      return toolArgs(ir, call.arguments, partPath(i, j));
    },
  );
  // History from another model has no signatures; Gemini 3 accepts its documented placeholder.
  const calls = out.filter((part) => part['functionCall'] !== undefined);
  const first = calls[0];
  if (first && needsSignatures(ir.model) && calls.every((part) => part['thoughtSignature'] === undefined)) {
    first['thoughtSignature'] = SKIP_SIGNATURE;
  }
  return out;
}

/** IR system as `systemInstruction`. */
export function encodeGeminiSystem(ir: IRRequest): JsonObject | undefined {
  const blocks = ir.system ?? [];
  return blocks.length === 0 ? undefined : { parts: blocks.map((block) => ({ text: block.text })) };
}

/** IR messages as `contents`; a tool message and the user message after it share one user turn. */
export function encodeGeminiContents(ir: IRRequest): unknown[] {
  const names = toolNamesById(ir.messages);
  const out: Array<{ role: string; parts: GeminiPart[]; foldable: boolean }> = [];
  ir.messages.forEach((message, i) => {
    const last = out.at(-1);
    switch (message.role) {
      case 'system':
        throw cannotCarry(ir, `messages.${i}`, DIALECT, 'system instructions can only come before the conversation, in systemInstruction.');
      case 'assistant':
        out.push({ role: 'model', parts: modelParts(ir, message, i), foldable: false });
        return;
      case 'tool':
      case 'user': {
        const parts = message.content.map((part, j) => {
          if ((message.role === 'tool') !== (part.type === 'tool_result')) throw wrongPart(ir, i, j, part, message.role);
          return userPart(ir, part, i, j, names);
        });
        if (last?.foldable) {
          last.parts.push(...parts);
          last.foldable = message.role === 'tool';
        } else out.push({ role: 'user', parts, foldable: message.role === 'tool' });
        return;
      }
    }
  });
  return out.map(({ role, parts }) => ({ role, parts }));
}
