/**
 * Anthropic Messages request bodies to and from the IR.
 *
 * Reasoning: `thinking: {type: 'enabled', budget_tokens}` is a budget, `{type: 'adaptive'}` with
 * `output_config.effort` an effort word, `{type: 'disabled'}` is effort `none`. An effort from
 * another format becomes an enabled budget from the table in `reasoning.ts`, kept below
 * `max_tokens`. Structured output uses `output_config.format` (JSON schema only).
 *
 * @example
 * ```ts
 * const ir = decodeAnthropicRequest({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] });
 * const body = encodeAnthropicRequest(ir, { tier: 'standard_only', stream: false });
 * ```
 */
import { describeReceived, routerError } from '../../core/errors.js';
import { budgetFor, nearestEffort, thinkingOff } from '../ir/reasoning.js';
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
  readStrings,
  untranslatable,
} from '../ir/read.js';
import type { IRReasoningConfig, IRRequest, IRResponseFormat, IRTool, IRWebSearch, RequestEncodeContext, SourcePaths } from '../ir/request.js';
import { decodeAnthropicContent, encodeAnthropicMessages, encodeAnthropicSystem } from './content.js';

const DIALECT = 'anthropic-messages';

const CARRIED = [
  'model',
  'messages',
  'system',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
] as const;

/** No effect on the generated content: the router's fields, abuse-monitoring ids, cache hints. */
const ADVISORY = ['start_within', 'service_tier', 'metadata', 'cache_control'];

const ANTHROPIC_EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

/** Web search tool versions; all are the same provider-run search for translation. */
const WEB_SEARCH_TYPE = /^web_search_\d{8}$/;

function decodeWebSearch(tool: Record<string, unknown>, path: string): IRWebSearch {
  checkKeys(tool, path, ['type', 'name', 'max_uses', 'allowed_domains', 'blocked_domains', 'user_location'], ['cache_control']);
  const search: IRWebSearch = {};
  const maxUses = optional(tool['max_uses'], joinPath(path, 'max_uses'), readNumber);
  if (maxUses !== undefined) search.maxUses = maxUses;
  const allowed = optional(tool['allowed_domains'], joinPath(path, 'allowed_domains'), readStrings);
  if (allowed) search.allowedDomains = allowed;
  const blocked = optional(tool['blocked_domains'], joinPath(path, 'blocked_domains'), readStrings);
  if (blocked) search.blockedDomains = blocked;
  const location = optional(tool['user_location'], joinPath(path, 'user_location'), readApproximateLocation);
  if (location) search.userLocation = location;
  return search;
}

function decodeTools(list: unknown[], ir: IRRequest, paths: SourcePaths): void {
  const tools: IRTool[] = [];
  list.forEach((raw, i) => {
    const path = `tools.${i}`;
    const tool = readObject(raw, path);
    const type = optional(tool['type'], joinPath(path, 'type'), readString) ?? 'custom';
    if (WEB_SEARCH_TYPE.test(type)) {
      if (ir.webSearch) throw untranslatable(path, 'Only one web search tool can be translated.');
      setField(ir, 'webSearch', path, decodeWebSearch(tool, path));
      return;
    }
    if (type !== 'custom') {
      throw untranslatable(path, `tools of type ${describeReceived(type)} have no equivalent in other formats; custom (function) and web_search tools do.`);
    }
    // Cache and streaming hints change cost and delivery, not what the model may call.
    checkKeys(tool, path, ['type', 'name', 'description', 'input_schema', 'strict'], ['cache_control', 'eager_input_streaming']);
    const description = optional(tool['description'], joinPath(path, 'description'), readString);
    const strict = optional(tool['strict'], joinPath(path, 'strict'), readBoolean);
    paths[`tools.${tools.length}`] = path;
    tools.push({
      name: readString(tool['name'], joinPath(path, 'name')),
      ...(description !== undefined ? { description } : {}),
      parameters: readObject(tool['input_schema'], joinPath(path, 'input_schema')),
      ...(strict !== undefined ? { strict } : {}),
    });
  });
  if (tools.length > 0) ir.tools = tools;
}

function decodeToolChoice(value: unknown, ir: IRRequest): void {
  const choice = readObject(value, 'tool_choice');
  const type = readEnum(choice['type'], 'tool_choice.type', ['auto', 'any', 'none', 'tool']);
  checkKeys(choice, 'tool_choice', type === 'tool' ? ['type', 'name', 'disable_parallel_tool_use'] : ['type', 'disable_parallel_tool_use']);
  const toolChoice =
    type === 'tool' ? { name: readString(choice['name'], 'tool_choice.name') } : type === 'any' ? ('required' as const) : type;
  setField(ir, 'toolChoice', 'tool_choice', toolChoice);
  const disable = optional(choice['disable_parallel_tool_use'], 'tool_choice.disable_parallel_tool_use', readBoolean);
  setField(ir, 'parallelToolCalls', 'tool_choice.disable_parallel_tool_use', disable === undefined ? undefined : !disable);
}

function decodeReasoning(body: Record<string, unknown>, ir: IRRequest, paths: SourcePaths): void {
  const thinking = optional(body['thinking'], 'thinking', readObject);
  const outputConfig = optional(body['output_config'], 'output_config', readObject);
  const effort = optional(outputConfig?.['effort'], 'output_config.effort', (v, p) => readEnum(v, p, ANTHROPIC_EFFORTS));
  const config: IRReasoningConfig = {};
  if (thinking) {
    const type = readEnum(thinking['type'], 'thinking.type', ['enabled', 'disabled', 'adaptive']);
    checkKeys(thinking, 'thinking', type === 'enabled' ? ['type', 'budget_tokens', 'display'] : ['type', 'display']);
    if (type === 'enabled') {
      config.budgetTokens = readNumber(thinking['budget_tokens'], 'thinking.budget_tokens');
      paths['reasoning.budgetTokens'] = 'thinking.budget_tokens';
    }
    if (type === 'disabled') {
      config.effort = 'none';
      paths['reasoning.effort'] = 'thinking';
    }
    if (type === 'adaptive') config.adaptive = true;
    const display = optional(thinking['display'], 'thinking.display', (v, p) => readEnum(v, p, ['summarized', 'omitted']));
    if (display) {
      config.summary = display === 'summarized' ? 'auto' : 'none';
      paths['reasoning.summary'] = 'thinking.display';
    }
  }
  if (effort !== undefined && config.effort === undefined) {
    config.effort = effort;
    paths['reasoning.effort'] = 'output_config.effort';
  }
  if (thinking || effort !== undefined) setField(ir, 'reasoning', thinking ? 'thinking' : 'output_config.effort', config);
}

function readJsonSchemaFormat(value: unknown, path: string): IRResponseFormat {
  const format = readObject(value, path);
  readEnum(format['type'], joinPath(path, 'type'), ['json_schema']);
  checkKeys(format, path, ['type', 'schema']);
  return { type: 'json_schema', schema: readObject(format['schema'], joinPath(path, 'schema')) };
}

/**
 * Reads an Anthropic Messages request body. Throws `unsupported_feature` for what no translation
 * can carry (documents, citations, server tools other than web search, MCP servers, …) and
 * `invalid_body` for fields of the wrong type.
 */
export function decodeAnthropicRequest(body: Record<string, unknown>): IRRequest {
  return decodeAs(DIALECT, () => decode(body));
}

function decode(body: Record<string, unknown>): IRRequest {
  checkKeys(body, '', CARRIED, ADVISORY);
  const paths: SourcePaths = {};
  const ir: IRRequest = { model: readString(body['model'], 'model'), messages: [], stream: body['stream'] === true, sourcePaths: paths, sourceDialect: DIALECT };
  decodeAnthropicContent(body, ir, paths);
  setField(ir, 'maxOutputTokens', 'max_tokens', optional(body['max_tokens'], 'max_tokens', readNumber));
  setField(ir, 'temperature', 'temperature', optional(body['temperature'], 'temperature', readNumber));
  setField(ir, 'topP', 'top_p', optional(body['top_p'], 'top_p', readNumber));
  setField(ir, 'topK', 'top_k', optional(body['top_k'], 'top_k', readNumber));
  setField(ir, 'stopSequences', 'stop_sequences', optional(body['stop_sequences'], 'stop_sequences', readStrings));
  const tools = optional(body['tools'], 'tools', readArray);
  if (tools) decodeTools(tools, ir, paths);
  if (body['tool_choice'] !== undefined && body['tool_choice'] !== null) decodeToolChoice(body['tool_choice'], ir);
  decodeReasoning(body, ir, paths);
  const outputConfig = optional(body['output_config'], 'output_config', readObject);
  if (outputConfig) {
    checkKeys(outputConfig, 'output_config', ['effort', 'format']);
    setField(ir, 'responseFormat', 'output_config.format', optional(outputConfig['format'], 'output_config.format', readJsonSchemaFormat));
  }
  if (ir.responseFormat === undefined) {
    setField(ir, 'responseFormat', 'output_format', optional(body['output_format'], 'output_format', readJsonSchemaFormat));
  }
  return ir;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Anthropic's smallest thinking budget. */
const MIN_BUDGET = 1024;

function encodeThinking(ir: IRRequest, reasoning: IRReasoningConfig, maxTokens: number): { thinking?: unknown; effort?: string } {
  const display = reasoning.summary === undefined ? {} : { display: reasoning.summary === 'none' ? 'omitted' : 'summarized' };
  if (thinkingOff(reasoning)) return { thinking: { type: 'disabled' } };
  if (reasoning.adaptive) {
    return { thinking: { type: 'adaptive', ...display }, ...(reasoning.effort !== undefined ? { effort: nearestEffort(reasoning, ANTHROPIC_EFFORTS) } : {}) };
  }
  const wanted = budgetFor(reasoning) ?? (reasoning.summary !== undefined && reasoning.summary !== 'none' ? budgetFor({ effort: 'medium' }) : undefined);
  if (wanted === undefined) return {};
  // The budget must be at least 1024 and below max_tokens.
  const budget = Math.min(Math.max(wanted, MIN_BUDGET), maxTokens - 1);
  if (budget < MIN_BUDGET) {
    const field = reasoning.budgetTokens !== undefined ? 'reasoning.budgetTokens' : reasoning.effort !== undefined ? 'reasoning.effort' : 'reasoning';
    throw cannotCarry(ir, field, DIALECT, `thinking needs a budget of at least ${MIN_BUDGET} tokens below max_tokens; raise the token cap above ${MIN_BUDGET}.`);
  }
  return { thinking: { type: 'enabled', budget_tokens: budget, ...display } };
}

function encodeWebSearch(ir: IRRequest, search: IRWebSearch): Record<string, unknown> {
  if (search.contextSize !== undefined) throw cannotCarry(ir, 'webSearch', DIALECT, 'web search has no search context size.');
  return {
    type: 'web_search_20250305',
    name: 'web_search',
    ...(search.maxUses !== undefined ? { max_uses: search.maxUses } : {}),
    ...(search.allowedDomains !== undefined ? { allowed_domains: search.allowedDomains } : {}),
    ...(search.blockedDomains !== undefined ? { blocked_domains: search.blockedDomains } : {}),
    ...(search.userLocation !== undefined ? { user_location: { type: 'approximate', ...search.userLocation } } : {}),
  };
}

function encodeToolChoice(ir: IRRequest): Record<string, unknown> | undefined {
  const choice = ir.toolChoice;
  const serial = ir.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return ir.parallelToolCalls === false ? { type: 'auto', ...serial } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...serial };
  if (choice === 'required') return { type: 'any', ...serial };
  return { type: 'tool', name: choice.name, ...serial };
}

/**
 * Writes the IR as an Anthropic Messages request body. Throws `missing_max_tokens` without a
 * token cap, and `unsupported_feature` naming the caller's field for what Anthropic cannot carry:
 * seed, penalties, verbosity, JSON mode without a schema, mid-conversation system messages,
 * image detail, reasoning from other providers.
 */
export function encodeAnthropicRequest(ir: IRRequest, ctx: RequestEncodeContext): Record<string, unknown> {
  refuseSettings(ir, DIALECT, {
    seed: 'Anthropic has no seed.',
    presencePenalty: 'Anthropic has no presence penalty.',
    frequencyPenalty: 'Anthropic has no frequency penalty.',
    verbosity: 'Anthropic has no verbosity setting.',
  });
  const maxTokens = ir.maxOutputTokens;
  if (maxTokens === undefined) throw routerError('missing_max_tokens', { model: ir.model, provider: 'anthropic' });
  if (ir.responseFormat?.type === 'json_object') {
    throw cannotCarry(ir, 'responseFormat', DIALECT, 'structured output needs a JSON schema; send json_schema with the schema you want.');
  }
  const thinking = ir.reasoning ? encodeThinking(ir, ir.reasoning, maxTokens) : {};
  const tools: unknown[] = (ir.tools ?? []).map((tool) => ({
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    input_schema: tool.parameters ?? { type: 'object', properties: {} },
    ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
  }));
  if (ir.webSearch) tools.push(encodeWebSearch(ir, ir.webSearch));
  const toolChoice = encodeToolChoice(ir);
  const system = encodeAnthropicSystem(ir);
  const outputConfig = {
    ...(thinking.effort !== undefined ? { effort: thinking.effort } : {}),
    ...(ir.responseFormat?.type === 'json_schema' ? { format: { type: 'json_schema', schema: ir.responseFormat.schema } } : {}),
  };
  return {
    model: ir.model,
    max_tokens: maxTokens,
    ...(system !== undefined ? { system } : {}),
    messages: encodeAnthropicMessages(ir),
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(thinking.thinking !== undefined ? { thinking: thinking.thinking } : {}),
    ...(Object.keys(outputConfig).length > 0 ? { output_config: outputConfig } : {}),
    ...(ir.temperature !== undefined ? { temperature: ir.temperature } : {}),
    ...(ir.topP !== undefined ? { top_p: ir.topP } : {}),
    ...(ir.topK !== undefined ? { top_k: ir.topK } : {}),
    ...(ir.stopSequences !== undefined ? { stop_sequences: ir.stopSequences } : {}),
    ...(ctx.stream ? { stream: true } : {}),
    ...(ctx.tier !== undefined ? { service_tier: ctx.tier } : {}),
  };
}
