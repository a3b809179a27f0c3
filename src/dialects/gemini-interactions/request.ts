/**
 * Gemini Interactions (`POST /v1beta/interactions`) request bodies to and from the IR.
 *
 * Settings live in `generation_config` (`max_output_tokens`, `thinking_level`, `tool_choice`, …);
 * structured output in `response_format: {type: 'text', mime_type: 'application/json', schema}`
 * (the older `response_mime_type` + bare schema is read too). Strict function tools make the tool
 * choice `validated`, Gemini's schema-checked calling mode.
 *
 * @example
 * ```ts
 * const ir = decodeInteractionsRequest({ model: 'gemini-2.5-flash', input: 'Hi', generation_config: { max_output_tokens: 256 } });
 * const body = encodeAnthropicRequest(ir, { tier: 'standard_only', stream: false }); // max_tokens: 256
 * ```
 */
import { nearestEffort, thinkingOff } from '../ir/reasoning.js';
import { cannotCarry, joinPath, refuseSettings, setField } from '../ir/provenance.js';
import { isJsonObject } from '../ir/json.js';
import {
  checkKeys,
  decodeAs,
  optional,
  readArray,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStringMap,
  readStrings,
  untranslatable,
} from '../ir/read.js';
import type {
  IRReasoningConfig,
  IRRequest,
  IRResponseFormat,
  IRTool,
  IRToolChoice,
  JsonObject,
  RequestEncodeContext,
  SourcePaths,
} from '../ir/request.js';
import { decodeInteractionsInput, encodeInteractionsInput } from './steps.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'gemini-interactions';

const CARRIED = [
  'model',
  'input',
  'system_instruction',
  'tools',
  'generation_config',
  'response_format',
  'response_mime_type',
  'labels',
  'stream',
] as const;

/** No effect on the generated content: the router's fields and storage. */
const ADVISORY = ['start_within', 'service_tier', 'store'];

const GENERATION_KEYS = ['max_output_tokens', 'temperature', 'top_p', 'stop_sequences', 'seed', 'thinking_level', 'thinking_summaries', 'tool_choice'];

const LEVELS = ['minimal', 'low', 'medium', 'high'] as const;

function decodeTools(list: unknown[], ir: IRRequest, paths: SourcePaths): void {
  const tools: IRTool[] = [];
  list.forEach((raw, i) => {
    const path = `tools.${i}`;
    const tool = readObject(raw, path);
    const type = readString(tool['type'], joinPath(path, 'type'));
    if (type === 'google_search') {
      checkKeys(tool, path, ['type', 'search_types']);
      const kinds = optional(tool['search_types'], joinPath(path, 'search_types'), readStrings);
      if (kinds !== undefined && kinds.some((kind) => kind !== 'web_search')) {
        throw untranslatable(joinPath(path, 'search_types'), 'Only web search can be translated.');
      }
      setField(ir, 'webSearch', path, {});
      return;
    }
    if (type !== 'function') {
      throw untranslatable(path, `tools of type ${describeReceived(type)} have no equivalent in other formats; function and google_search tools do.`);
    }
    checkKeys(tool, path, ['type', 'name', 'description', 'parameters']);
    const description = optional(tool['description'], joinPath(path, 'description'), readString);
    const parameters = optional(tool['parameters'], joinPath(path, 'parameters'), readObject);
    paths[`tools.${tools.length}`] = path;
    tools.push({
      name: readString(tool['name'], joinPath(path, 'name')),
      ...(description !== undefined ? { description } : {}),
      ...(parameters !== undefined ? { parameters } : {}),
    });
  });
  if (tools.length > 0) ir.tools = tools;
}

function decodeToolChoice(value: unknown, path: string): { choice: IRToolChoice; validated: boolean } {
  if (typeof value === 'string') {
    const mode = readEnum(value, path, ['auto', 'any', 'none', 'validated']);
    return { choice: mode === 'any' ? 'required' : mode === 'validated' ? 'auto' : mode, validated: mode === 'validated' };
  }
  const config = readObject(value, path);
  checkKeys(config, path, ['allowed_tools']);
  const allowed = readObject(config['allowed_tools'], joinPath(path, 'allowed_tools'));
  checkKeys(allowed, joinPath(path, 'allowed_tools'), ['mode', 'tools']);
  const names = readStrings(allowed['tools'], joinPath(path, 'allowed_tools.tools'));
  const mode = optional(allowed['mode'], joinPath(path, 'allowed_tools.mode'), readString) ?? 'auto';
  if (mode !== 'any' || names.length !== 1 || names[0] === undefined) {
    throw untranslatable(joinPath(path, 'allowed_tools'), 'Only one forced function (mode "any" with one tool) can be translated.');
  }
  return { choice: { name: names[0] }, validated: false };
}

function decodeGeneration(value: unknown, ir: IRRequest, paths: SourcePaths): void {
  const g = readObject(value, 'generation_config');
  checkKeys(g, 'generation_config', GENERATION_KEYS);
  const at = (key: string): string => `generation_config.${key}`;
  setField(ir, 'maxOutputTokens', at('max_output_tokens'), optional(g['max_output_tokens'], at('max_output_tokens'), readNumber));
  setField(ir, 'temperature', at('temperature'), optional(g['temperature'], at('temperature'), readNumber));
  setField(ir, 'topP', at('top_p'), optional(g['top_p'], at('top_p'), readNumber));
  setField(ir, 'stopSequences', at('stop_sequences'), optional(g['stop_sequences'], at('stop_sequences'), readStrings));
  setField(ir, 'seed', at('seed'), optional(g['seed'], at('seed'), readNumber));
  const level = optional(g['thinking_level'], at('thinking_level'), (v, p) => readEnum(v, p, LEVELS));
  const summaries = optional(g['thinking_summaries'], at('thinking_summaries'), (v, p) => readEnum(v, p, ['auto', 'none']));
  if (level !== undefined || summaries !== undefined) {
    const config: IRReasoningConfig = {};
    if (level !== undefined) {
      config.effort = level;
      paths['reasoning.effort'] = at('thinking_level');
    }
    if (summaries !== undefined) {
      config.summary = summaries;
      paths['reasoning.summary'] = at('thinking_summaries');
    }
    setField(ir, 'reasoning', level !== undefined ? at('thinking_level') : at('thinking_summaries'), config);
  }
  const toolChoice = optional(g['tool_choice'], at('tool_choice'), decodeToolChoice);
  setField(ir, 'toolChoice', at('tool_choice'), toolChoice?.choice);
  // `validated` checks every call against its schema: what OpenAI and Anthropic call strict.
  if (toolChoice?.validated && ir.tools) ir.tools = ir.tools.map((tool) => ({ ...tool, strict: true }));
}

function decodeFormat(body: Record<string, unknown>): IRResponseFormat | undefined {
  const raw = body['response_format'];
  const legacyMime = optional(body['response_mime_type'], 'response_mime_type', readString);
  if (raw === undefined || raw === null) {
    if (legacyMime === 'application/json') return { type: 'json_object' };
    if (legacyMime !== undefined && legacyMime !== 'text/plain') throw untranslatable('response_mime_type', 'Only JSON output can be translated.');
    return undefined;
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length !== 1) throw untranslatable('response_format', 'Only one response format can be translated.');
  const path = Array.isArray(raw) ? 'response_format.0' : 'response_format';
  const format = readObject(list[0], path);
  if (format['type'] !== 'text') {
    // The older shape: response_mime_type beside a bare JSON schema.
    if (legacyMime !== 'application/json') throw untranslatable(path, 'A response format needs JSON output (mime_type "application/json").');
    return { type: 'json_schema', schema: format };
  }
  checkKeys(format, path, ['type', 'mime_type', 'schema']);
  const mime = optional(format['mime_type'], joinPath(path, 'mime_type'), (v, p) => readEnum(v, p, ['application/json', 'text/plain']));
  const schema = optional(format['schema'], joinPath(path, 'schema'), readObject);
  if (mime !== 'application/json') {
    if (schema !== undefined) throw untranslatable(joinPath(path, 'schema'), 'A schema needs mime_type "application/json".');
    return undefined;
  }
  return schema ? { type: 'json_schema', schema } : { type: 'json_object' };
}

/**
 * Reads an Interactions request body. Throws `unsupported_feature` for what no translation can
 * carry (`previous_interaction_id`, `background`, agents, safety settings, non-image media, …)
 * and `invalid_body` for fields of the wrong type.
 */
export function decodeInteractionsRequest(body: Record<string, unknown>): IRRequest {
  return decodeAs(DIALECT, () => decode(body));
}

function decode(body: Record<string, unknown>): IRRequest {
  checkKeys(body, '', CARRIED, ADVISORY);
  const paths: SourcePaths = {};
  const ir: IRRequest = { model: readString(body['model'], 'model'), messages: [], stream: body['stream'] === true, sourcePaths: paths, sourceDialect: DIALECT };
  const system = optional(body['system_instruction'], 'system_instruction', readString);
  if (system) {
    ir.system = [{ type: 'text', text: system }];
    paths['system.0'] = 'system_instruction';
  }
  decodeInteractionsInput(body['input'], ir, paths);
  const tools = optional(body['tools'], 'tools', readArray);
  if (tools) decodeTools(tools, ir, paths);
  if (body['generation_config'] !== undefined && body['generation_config'] !== null) decodeGeneration(body['generation_config'], ir, paths);
  setField(ir, 'responseFormat', isJsonObject(body['response_format']) || Array.isArray(body['response_format']) ? 'response_format' : 'response_mime_type', decodeFormat(body));
  setField(ir, 'metadata', 'labels', optional(body['labels'], 'labels', readStringMap));
  return ir;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function encodeToolChoice(ir: IRRequest): unknown {
  const choice = ir.toolChoice;
  const strict = ir.tools?.some((tool) => tool.strict === true) ?? false;
  if (choice === undefined || choice === 'auto') return strict ? 'validated' : choice;
  if (choice === 'none') return 'none';
  if (choice === 'required') return 'any';
  return { allowed_tools: { mode: 'any', tools: [choice.name] } };
}

function encodeThinking(ir: IRRequest, reasoning: IRReasoningConfig): JsonObject {
  if (thinkingOff(reasoning)) {
    const field = reasoning.effort === 'none' ? 'reasoning.effort' : 'reasoning.budgetTokens';
    throw cannotCarry(ir, field, DIALECT, 'thinking cannot be switched off; the lowest thinking_level is "minimal".');
  }
  const level = nearestEffort(reasoning, LEVELS);
  return {
    ...(level !== undefined ? { thinking_level: level } : {}),
    ...(reasoning.summary !== undefined ? { thinking_summaries: reasoning.summary === 'none' ? 'none' : 'auto' } : {}),
  };
}

function encodeTools(ir: IRRequest): unknown[] | undefined {
  const tools: unknown[] = (ir.tools ?? []).map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
  }));
  if (ir.webSearch) {
    const options = Object.keys(ir.webSearch);
    if (options.length > 0) throw cannotCarry(ir, 'webSearch', DIALECT, `Google Search takes no options (got ${options.join(', ')}).`);
    tools.push({ type: 'google_search' });
  }
  return tools.length > 0 ? tools : undefined;
}

/**
 * Writes the IR as an Interactions request body. Throws `unsupported_feature` naming the
 * caller's field for what Interactions cannot carry: `top_k`, penalties, verbosity, turning
 * parallel tool calls or thinking off, web-search options, mid-conversation system messages,
 * image detail, reasoning from other providers.
 */
export function encodeInteractionsRequest(ir: IRRequest, ctx: RequestEncodeContext): Record<string, unknown> {
  refuseSettings(ir, DIALECT, {
    topK: 'Interactions has no top_k.',
    presencePenalty: 'Interactions has no presence penalty.',
    frequencyPenalty: 'Interactions has no frequency penalty.',
    verbosity: 'Interactions has no verbosity setting.',
  });
  if (ir.parallelToolCalls === false) {
    throw cannotCarry(ir, 'parallelToolCalls', DIALECT, 'Gemini cannot be told to call at most one function at a time.');
  }
  const tools = encodeTools(ir);
  const toolChoice = encodeToolChoice(ir);
  const generation: JsonObject = {
    ...(ir.maxOutputTokens !== undefined ? { max_output_tokens: ir.maxOutputTokens } : {}),
    ...(ir.temperature !== undefined ? { temperature: ir.temperature } : {}),
    ...(ir.topP !== undefined ? { top_p: ir.topP } : {}),
    ...(ir.stopSequences !== undefined ? { stop_sequences: ir.stopSequences } : {}),
    ...(ir.seed !== undefined ? { seed: ir.seed } : {}),
    ...(ir.reasoning ? encodeThinking(ir, ir.reasoning) : {}),
    ...(toolChoice !== undefined ? { tool_choice: toolChoice } : {}),
  };
  const format = ir.responseFormat;
  const system = (ir.system ?? []).map((block) => block.text).join('\n\n');
  return {
    model: ir.model,
    input: encodeInteractionsInput(ir),
    ...(system !== '' ? { system_instruction: system } : {}),
    ...(tools ? { tools } : {}),
    ...(Object.keys(generation).length > 0 ? { generation_config: generation } : {}),
    ...(format
      ? { response_format: { type: 'text', mime_type: 'application/json', ...(format.type === 'json_schema' ? { schema: format.schema } : {}) } }
      : {}),
    ...(ir.metadata !== undefined ? { labels: ir.metadata } : {}),
    ...(ctx.stream ? { stream: true } : {}),
    ...(ctx.tier !== undefined ? { service_tier: ctx.tier } : {}),
  };
}
