/**
 * OpenAI Responses request bodies to and from the IR.
 *
 * @example
 * ```ts
 * const ir = decodeResponsesRequest({ model: 'gpt-5-mini', input: 'Hi', tools: [{ type: 'web_search' }] });
 * ir.webSearch; // {}
 * encodeGeminiRequest(ir, { tier: 'flex', stream: true }); // tools: [{ googleSearch: {} }]
 * ```
 */
import { nearestEffort } from '../ir/reasoning.js';
import { cannotCarry, joinPath, refuseSettings, setField } from '../ir/provenance.js';
import {
  checkKeys,
  decodeAs,
  optional,
  readApproximateLocation,
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
import type {
  IRReasoningConfig,
  IRRequest,
  IRResponseFormat,
  IRTool,
  IRToolChoice,
  IRWebSearch,
  RequestEncodeContext,
  SourcePaths,
} from '../ir/request.js';
import { decodeResponsesInput, encodeResponsesInput } from './input.js';
import { describeReceived } from '../../core/errors.js';

const DIALECT = 'openai-responses';

const CARRIED = [
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'text',
  'reasoning',
  'metadata',
  'stream',
] as const;

/**
 * No effect on the generated content: the router's fields, storage, what to include in the
 * response, caching and abuse-monitoring hints, and context truncation (only matters when the
 * context overflows, where other providers answer with an error instead).
 */
const ADVISORY = [
  'start_within',
  'service_tier',
  'store',
  'include',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'stream_options',
  'truncation',
];

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

/** Names the web search tool has had; all mean the same provider-run search. */
const WEB_SEARCH_TYPES = ['web_search', 'web_search_preview', 'web_search_2025_08_26', 'web_search_preview_2025_03_11'];

function decodeWebSearch(tool: Record<string, unknown>, path: string): IRWebSearch {
  checkKeys(tool, path, ['type', 'search_context_size', 'user_location', 'filters']);
  const search: IRWebSearch = {};
  const size = optional(tool['search_context_size'], joinPath(path, 'search_context_size'), (v, p) => readEnum(v, p, ['low', 'medium', 'high']));
  if (size) search.contextSize = size;
  const location = optional(tool['user_location'], joinPath(path, 'user_location'), readApproximateLocation);
  if (location) search.userLocation = location;
  const filters = optional(tool['filters'], joinPath(path, 'filters'), readObject);
  if (filters) {
    checkKeys(filters, joinPath(path, 'filters'), ['allowed_domains']);
    const domains = optional(filters['allowed_domains'], joinPath(path, 'filters.allowed_domains'), readStrings);
    if (domains) search.allowedDomains = domains;
  }
  return search;
}

function decodeTools(list: unknown[], ir: IRRequest, paths: SourcePaths): void {
  const tools: IRTool[] = [];
  list.forEach((raw, i) => {
    const path = `tools.${i}`;
    const tool = readObject(raw, path);
    const type = readString(tool['type'], joinPath(path, 'type'));
    if (WEB_SEARCH_TYPES.includes(type)) {
      if (ir.webSearch) throw untranslatable(path, 'Only one web search tool can be translated.');
      setField(ir, 'webSearch', path, decodeWebSearch(tool, path));
      return;
    }
    if (type !== 'function') {
      throw untranslatable(path, `tools of type ${describeReceived(type)} have no equivalent in other formats; function and web_search tools do.`);
    }
    checkKeys(tool, path, ['type', 'name', 'description', 'parameters', 'strict']);
    const description = optional(tool['description'], joinPath(path, 'description'), readString);
    const parameters = optional(tool['parameters'], joinPath(path, 'parameters'), readObject);
    const strict = optional(tool['strict'], joinPath(path, 'strict'), readBoolean);
    paths[`tools.${tools.length}`] = path;
    tools.push({
      name: readString(tool['name'], joinPath(path, 'name')),
      ...(description !== undefined ? { description } : {}),
      ...(parameters !== undefined ? { parameters } : {}),
      ...(strict !== undefined ? { strict } : {}),
    });
  });
  if (tools.length > 0) ir.tools = tools;
}

function decodeToolChoice(value: unknown): IRToolChoice {
  if (typeof value === 'string') return readEnum(value, 'tool_choice', ['auto', 'none', 'required']);
  const choice = readObject(value, 'tool_choice');
  if (choice['type'] !== 'function') {
    throw untranslatable('tool_choice', 'Only "auto", "none", "required" and a named function can be translated.');
  }
  checkKeys(choice, 'tool_choice', ['type', 'name']);
  return { name: readString(choice['name'], 'tool_choice.name') };
}

function decodeText(value: unknown, ir: IRRequest): void {
  const text = readObject(value, 'text');
  checkKeys(text, 'text', ['format', 'verbosity']);
  setField(ir, 'verbosity', 'text.verbosity', optional(text['verbosity'], 'text.verbosity', (v, p) => readEnum(v, p, ['low', 'medium', 'high'])));
  const format = optional(text['format'], 'text.format', readObject);
  if (!format) return;
  const type = readEnum(format['type'], 'text.format.type', ['text', 'json_object', 'json_schema']);
  if (type === 'text') return;
  let decoded: IRResponseFormat;
  if (type === 'json_object') {
    checkKeys(format, 'text.format', ['type']);
    decoded = { type: 'json_object' };
  } else {
    checkKeys(format, 'text.format', ['type', 'name', 'description', 'schema', 'strict']);
    const description = optional(format['description'], 'text.format.description', readString);
    const strict = optional(format['strict'], 'text.format.strict', readBoolean);
    decoded = {
      type: 'json_schema',
      name: readString(format['name'], 'text.format.name'),
      ...(description !== undefined ? { description } : {}),
      schema: readObject(format['schema'], 'text.format.schema'),
      ...(strict !== undefined ? { strict } : {}),
    };
  }
  setField(ir, 'responseFormat', 'text.format', decoded);
}

function decodeReasoning(value: unknown, paths: SourcePaths): IRReasoningConfig {
  const reasoning = readObject(value, 'reasoning');
  checkKeys(reasoning, 'reasoning', ['effort', 'summary', 'generate_summary']);
  const config: IRReasoningConfig = {};
  const effort = optional(reasoning['effort'], 'reasoning.effort', (v, p) => readEnum(v, p, EFFORTS));
  if (effort) {
    config.effort = effort;
    paths['reasoning.effort'] = 'reasoning.effort';
  }
  const summaryKey = reasoning['summary'] !== undefined && reasoning['summary'] !== null ? 'summary' : 'generate_summary';
  const summary = optional(reasoning[summaryKey], `reasoning.${summaryKey}`, (v, p) => readEnum(v, p, ['auto', 'concise', 'detailed']));
  if (summary) {
    config.summary = summary;
    paths['reasoning.summary'] = `reasoning.${summaryKey}`;
  }
  return config;
}

/**
 * Reads a Responses request body. Throws `unsupported_feature` for what no translation can carry
 * (`previous_response_id`, `background`, hosted tools other than web search, file inputs, …)
 * and `invalid_body` for fields of the wrong type.
 */
export function decodeResponsesRequest(body: Record<string, unknown>): IRRequest {
  return decodeAs(DIALECT, () => decode(body));
}

function decode(body: Record<string, unknown>): IRRequest {
  checkKeys(body, '', CARRIED, ADVISORY);
  const paths: SourcePaths = {};
  const ir: IRRequest = { model: readString(body['model'], 'model'), messages: [], stream: body['stream'] === true, sourcePaths: paths, sourceDialect: DIALECT };
  decodeResponsesInput(body, ir, paths);
  const tools = optional(body['tools'], 'tools', readArray);
  if (tools) decodeTools(tools, ir, paths);
  setField(ir, 'toolChoice', 'tool_choice', optional(body['tool_choice'], 'tool_choice', decodeToolChoice));
  setField(ir, 'parallelToolCalls', 'parallel_tool_calls', optional(body['parallel_tool_calls'], 'parallel_tool_calls', readBoolean));
  setField(ir, 'maxOutputTokens', 'max_output_tokens', optional(body['max_output_tokens'], 'max_output_tokens', readNumber));
  setField(ir, 'temperature', 'temperature', optional(body['temperature'], 'temperature', readNumber));
  setField(ir, 'topP', 'top_p', optional(body['top_p'], 'top_p', readNumber));
  if (body['text'] !== undefined && body['text'] !== null) decodeText(body['text'], ir);
  setField(ir, 'reasoning', 'reasoning', optional(body['reasoning'], 'reasoning', (v) => decodeReasoning(v, paths)));
  setField(ir, 'metadata', 'metadata', optional(body['metadata'], 'metadata', readStringMap));
  return ir;
}

function encodeWebSearch(ir: IRRequest, search: IRWebSearch): Record<string, unknown> {
  if (search.blockedDomains !== undefined) throw cannotCarry(ir, 'webSearch', DIALECT, 'web search takes allowed domains only, not blocked ones.');
  if (search.maxUses !== undefined) throw cannotCarry(ir, 'webSearch', DIALECT, 'web search has no limit on the number of searches.');
  return {
    type: 'web_search',
    ...(search.contextSize !== undefined ? { search_context_size: search.contextSize } : {}),
    ...(search.userLocation !== undefined ? { user_location: { type: 'approximate', ...search.userLocation } } : {}),
    ...(search.allowedDomains !== undefined ? { filters: { allowed_domains: search.allowedDomains } } : {}),
  };
}

function encodeTools(ir: IRRequest): unknown[] | undefined {
  const tools: unknown[] = (ir.tools ?? []).map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
    // Left out, Responses uses strict validation when the schema allows it: only the output tightens.
    ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
  }));
  if (ir.webSearch) tools.push(encodeWebSearch(ir, ir.webSearch));
  return tools.length > 0 ? tools : undefined;
}

function encodeFormat(format: IRResponseFormat): Record<string, unknown> {
  if (format.type === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    // Responses requires a name; formats that have none (Anthropic, Gemini) get a neutral one.
    name: format.name ?? 'response',
    ...(format.description !== undefined ? { description: format.description } : {}),
    schema: format.schema,
    ...(format.strict !== undefined ? { strict: format.strict } : {}),
  };
}

function encodeReasoning(reasoning: IRReasoningConfig): Record<string, unknown> | undefined {
  const effort = nearestEffort(reasoning, EFFORTS);
  // `none` is Responses' default: no summary is the same as not asking for one.
  const summary = reasoning.summary === 'none' ? undefined : reasoning.summary;
  if (effort === undefined && summary === undefined) return undefined;
  return { ...(effort !== undefined ? { effort } : {}), ...(summary !== undefined ? { summary } : {}) };
}

/**
 * Writes the IR as a Responses request body. Throws `unsupported_feature` naming the caller's
 * field for what Responses cannot carry: stop sequences, `top_k`, seed, penalties, reasoning from
 * other providers, tool-error flags.
 */
export function encodeResponsesRequest(ir: IRRequest, ctx: RequestEncodeContext): Record<string, unknown> {
  refuseSettings(ir, DIALECT, {
    stopSequences: 'the Responses API has no stop sequences.',
    topK: 'OpenAI samples with temperature and top_p only.',
    seed: 'the Responses API has no seed.',
    presencePenalty: 'the Responses API has no presence penalty.',
    frequencyPenalty: 'the Responses API has no frequency penalty.',
  });
  const tools = encodeTools(ir);
  const reasoning = ir.reasoning ? encodeReasoning(ir.reasoning) : undefined;
  const text =
    ir.responseFormat || ir.verbosity
      ? { ...(ir.responseFormat ? { format: encodeFormat(ir.responseFormat) } : {}), ...(ir.verbosity ? { verbosity: ir.verbosity } : {}) }
      : undefined;
  return {
    model: ir.model,
    ...encodeResponsesInput(ir),
    ...(tools ? { tools } : {}),
    ...(ir.toolChoice !== undefined
      ? { tool_choice: typeof ir.toolChoice === 'string' ? ir.toolChoice : { type: 'function', name: ir.toolChoice.name } }
      : {}),
    ...(ir.parallelToolCalls !== undefined ? { parallel_tool_calls: ir.parallelToolCalls } : {}),
    ...(ir.maxOutputTokens !== undefined ? { max_output_tokens: ir.maxOutputTokens } : {}),
    ...(ir.temperature !== undefined ? { temperature: ir.temperature } : {}),
    ...(ir.topP !== undefined ? { top_p: ir.topP } : {}),
    ...(text ? { text } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(ir.metadata !== undefined ? { metadata: ir.metadata } : {}),
    ...(ctx.stream ? { stream: true } : {}),
    ...(ctx.tier !== undefined ? { service_tier: ctx.tier } : {}),
  };
}
