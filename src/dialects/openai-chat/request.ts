/**
 * OpenAI Chat Completions request bodies to and from the IR.
 *
 * @example
 * ```ts
 * const ir = decodeChatRequest({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * const body = encodeChatRequest(ir, { tier: 'flex', stream: true });
 * // { model: 'gpt-5-mini', messages: [...], stream: true, stream_options: { include_usage: true }, service_tier: 'flex' }
 * ```
 */
import { nearestEffort } from '../ir/reasoning.js';
import { cannotCarry, joinPath, refuseSettings, setField } from '../ir/provenance.js';
import {
  checkKeys,
  decodeAs,
  optional,
  readArray,
  readBoolean,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStringMap,
  readStrings,
  untranslatable,
} from '../ir/read.js';
import type { IRRequest, IRResponseFormat, IRTool, IRToolChoice, RequestEncodeContext, SourcePaths } from '../ir/request.js';
import { decodeChatMessages, encodeChatMessages } from './messages.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'openai-chat';

const CARRIED = [
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_completion_tokens',
  'max_tokens',
  'temperature',
  'top_p',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'stop',
  'response_format',
  'reasoning_effort',
  'verbosity',
  'metadata',
  'stream',
  'n',
  'logprobs',
] as const;

/** No effect on the generated content: the router's fields, storage, caching and abuse hints. */
const ADVISORY = ['start_within', 'service_tier', 'stream_options', 'store', 'user', 'safety_identifier', 'prompt_cache_key', 'prompt_cache_retention'];

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

function decodeTools(list: unknown[]): IRTool[] {
  return list.map((raw, i) => {
    const path = `tools.${i}`;
    const tool = readObject(raw, path);
    const type = readString(tool['type'], joinPath(path, 'type'));
    if (type !== 'function') {
      throw untranslatable(path, `Chat tools of type ${describeReceived(type)} have no equivalent in other formats; function tools do.`);
    }
    checkKeys(tool, path, ['type', 'function']);
    const fn = readObject(tool['function'], joinPath(path, 'function'));
    checkKeys(fn, joinPath(path, 'function'), ['name', 'description', 'parameters', 'strict']);
    const description = optional(fn['description'], joinPath(path, 'function.description'), readString);
    const parameters = optional(fn['parameters'], joinPath(path, 'function.parameters'), readObject);
    const strict = optional(fn['strict'], joinPath(path, 'function.strict'), readBoolean);
    return {
      name: readString(fn['name'], joinPath(path, 'function.name')),
      ...(description !== undefined ? { description } : {}),
      ...(parameters !== undefined ? { parameters } : {}),
      ...(strict !== undefined ? { strict } : {}),
    };
  });
}

function decodeToolChoice(value: unknown): IRToolChoice {
  if (typeof value === 'string') return readEnum(value, 'tool_choice', ['auto', 'none', 'required'] as const);
  const choice = readObject(value, 'tool_choice');
  if (choice['type'] !== 'function') {
    throw untranslatable('tool_choice', 'Only "auto", "none", "required" and a named function can be translated.');
  }
  checkKeys(choice, 'tool_choice', ['type', 'function']);
  const fn = readObject(choice['function'], 'tool_choice.function');
  checkKeys(fn, 'tool_choice.function', ['name']);
  return { name: readString(fn['name'], 'tool_choice.function.name') };
}

function decodeResponseFormat(value: unknown): IRResponseFormat | undefined {
  const format = readObject(value, 'response_format');
  const type = readEnum(format['type'], 'response_format.type', ['text', 'json_object', 'json_schema']);
  if (type === 'text') return undefined;
  if (type === 'json_object') {
    checkKeys(format, 'response_format', ['type']);
    return { type: 'json_object' };
  }
  checkKeys(format, 'response_format', ['type', 'json_schema']);
  const spec = readObject(format['json_schema'], 'response_format.json_schema');
  checkKeys(spec, 'response_format.json_schema', ['name', 'description', 'schema', 'strict']);
  const description = optional(spec['description'], 'response_format.json_schema.description', readString);
  const strict = optional(spec['strict'], 'response_format.json_schema.strict', readBoolean);
  return {
    type: 'json_schema',
    name: readString(spec['name'], 'response_format.json_schema.name'),
    ...(description !== undefined ? { description } : {}),
    schema: optional(spec['schema'], 'response_format.json_schema.schema', readObject) ?? {},
    ...(strict !== undefined ? { strict } : {}),
  };
}

/**
 * Reads a Chat Completions request body. Throws `unsupported_feature` for fields no translation
 * can carry (`n` above 1, `logprobs`, audio, legacy `functions`, …) and `invalid_body` for
 * fields of the wrong type.
 */
export function decodeChatRequest(body: Record<string, unknown>): IRRequest {
  return decodeAs(DIALECT, () => decode(body));
}

function decode(body: Record<string, unknown>): IRRequest {
  checkKeys(body, '', CARRIED, ADVISORY);
  const paths: SourcePaths = {};
  const ir: IRRequest = { model: readString(body['model'], 'model'), messages: [], stream: body['stream'] === true, sourcePaths: paths, sourceDialect: DIALECT };
  decodeChatMessages(readArray(body['messages'], 'messages'), ir, paths);

  if (optional(body['n'], 'n', readNumber) !== undefined && body['n'] !== 1) {
    throw untranslatable('n', 'Only one choice (n: 1) can be translated.');
  }
  if (optional(body['logprobs'], 'logprobs', readBoolean) === true) {
    throw untranslatable('logprobs', 'Token log probabilities have no equivalent in other formats.');
  }
  const tools = optional(body['tools'], 'tools', readArray);
  if (tools) {
    ir.tools = decodeTools(tools);
    tools.forEach((_, i) => (paths[`tools.${i}`] = `tools.${i}`));
  }
  setField(ir, 'toolChoice', 'tool_choice', optional(body['tool_choice'], 'tool_choice', decodeToolChoice));
  setField(ir, 'parallelToolCalls', 'parallel_tool_calls', optional(body['parallel_tool_calls'], 'parallel_tool_calls', readBoolean));
  const cap = body['max_completion_tokens'] !== undefined && body['max_completion_tokens'] !== null ? 'max_completion_tokens' : 'max_tokens';
  setField(ir, 'maxOutputTokens', cap, optional(body[cap], cap, readNumber));
  setField(ir, 'temperature', 'temperature', optional(body['temperature'], 'temperature', readNumber));
  setField(ir, 'topP', 'top_p', optional(body['top_p'], 'top_p', readNumber));
  setField(ir, 'seed', 'seed', optional(body['seed'], 'seed', readNumber));
  setField(ir, 'presencePenalty', 'presence_penalty', optional(body['presence_penalty'], 'presence_penalty', readNumber));
  setField(ir, 'frequencyPenalty', 'frequency_penalty', optional(body['frequency_penalty'], 'frequency_penalty', readNumber));
  const stop = body['stop'];
  setField(ir, 'stopSequences', 'stop', typeof stop === 'string' ? [stop] : optional(stop, 'stop', readStrings));
  setField(ir, 'responseFormat', 'response_format', optional(body['response_format'], 'response_format', decodeResponseFormat));
  const effort = optional(body['reasoning_effort'], 'reasoning_effort', (v, p) => readEnum(v, p, EFFORTS));
  setField(ir, 'reasoning', 'reasoning_effort', effort === undefined ? undefined : { effort });
  if (effort !== undefined) paths['reasoning.effort'] = 'reasoning_effort';
  setField(ir, 'verbosity', 'verbosity', optional(body['verbosity'], 'verbosity', (v, p) => readEnum(v, p, ['low', 'medium', 'high'] as const)));
  setField(ir, 'metadata', 'metadata', optional(body['metadata'], 'metadata', readStringMap));
  return ir;
}

function encodeResponseFormat(format: IRResponseFormat): Record<string, unknown> {
  if (format.type === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      // Chat requires a name; formats that have none (Anthropic, Gemini) get a neutral one.
      name: format.name ?? 'response',
      ...(format.description !== undefined ? { description: format.description } : {}),
      schema: format.schema,
      ...(format.strict !== undefined ? { strict: format.strict } : {}),
    },
  };
}

/**
 * Writes the IR as a Chat Completions request body. Throws `unsupported_feature` naming the
 * caller's field for what Chat cannot carry: web search, `top_k`, reasoning summaries, reasoning
 * from other providers, images in tool results, tool-error flags.
 */
export function encodeChatRequest(ir: IRRequest, ctx: RequestEncodeContext): Record<string, unknown> {
  refuseSettings(ir, DIALECT, {
    webSearch: 'web search is not a Chat Completions tool for these models; use the Responses format or a Gemini model.',
    topK: 'OpenAI samples with temperature and top_p only.',
  });
  const reasoning = ir.reasoning;
  if (reasoning?.summary !== undefined && reasoning.summary !== 'none') {
    throw cannotCarry(ir, 'reasoning.summary', DIALECT, 'Chat Completions returns no reasoning summaries.');
  }
  const effort = reasoning ? nearestEffort(reasoning, EFFORTS) : undefined;
  return {
    model: ir.model,
    messages: encodeChatMessages(ir),
    ...(ir.tools
      ? {
          tools: ir.tools.map((tool) => ({
            type: 'function',
            function: {
              name: tool.name,
              ...(tool.description !== undefined ? { description: tool.description } : {}),
              ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
              ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
            },
          })),
        }
      : {}),
    ...(ir.toolChoice !== undefined
      ? { tool_choice: typeof ir.toolChoice === 'string' ? ir.toolChoice : { type: 'function', function: { name: ir.toolChoice.name } } }
      : {}),
    ...(ir.parallelToolCalls !== undefined ? { parallel_tool_calls: ir.parallelToolCalls } : {}),
    ...(ir.maxOutputTokens !== undefined ? { max_completion_tokens: ir.maxOutputTokens } : {}),
    ...(ir.temperature !== undefined ? { temperature: ir.temperature } : {}),
    ...(ir.topP !== undefined ? { top_p: ir.topP } : {}),
    ...(ir.seed !== undefined ? { seed: ir.seed } : {}),
    ...(ir.presencePenalty !== undefined ? { presence_penalty: ir.presencePenalty } : {}),
    ...(ir.frequencyPenalty !== undefined ? { frequency_penalty: ir.frequencyPenalty } : {}),
    ...(ir.stopSequences !== undefined ? { stop: ir.stopSequences } : {}),
    ...(ir.responseFormat ? { response_format: encodeResponseFormat(ir.responseFormat) } : {}),
    ...(effort !== undefined ? { reasoning_effort: effort } : {}),
    ...(ir.verbosity !== undefined ? { verbosity: ir.verbosity } : {}),
    ...(ir.metadata !== undefined ? { metadata: ir.metadata } : {}),
    ...(ctx.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    ...(ctx.tier !== undefined ? { service_tier: ctx.tier } : {}),
  };
}
