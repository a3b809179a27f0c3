/**
 * Gemini `generateContent` request bodies to and from the IR. The model and streaming live in the
 * URL (`models/<model>:streamGenerateContent?alt=sse`), not the body: the encoder writes neither,
 * and the decoder reads `model` only if the body has one.
 *
 * Reasoning: a token budget is `thinkingConfig.thinkingBudget`; an effort word is
 * `thinkingLevel` on Gemini 3 and later and a budget from the table in `reasoning.ts` before
 * that. Strict function tools become function-calling mode VALIDATED (see {@link encodeToolConfig}).
 *
 * @example
 * ```ts
 * const body = encodeGeminiRequest(decodeResponsesRequest(callerBody), { tier: 'flex', stream: true });
 * ```
 */
import { stripModelPrefix } from '../facts.js';
import { GEMINI_GENERATE_FACTS } from './facts.js';
import { budgetFor, nearestEffort, thinkingOff } from '../ir/reasoning.js';
import { cannotCarry, joinPath, refuseSettings, setField } from '../ir/provenance.js';
import {
  checkKeys,
  decodeAs,
  optional,
  readArray,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStrings,
  untranslatable,
} from '../ir/read.js';
import type { IRReasoningConfig, IRRequest, IRTool, IRToolChoice, JsonObject, RequestEncodeContext, SourcePaths } from '../ir/request.js';
import { decodeGeminiContents, encodeGeminiContents, encodeGeminiSystem } from './contents.js';
import { DIALECT } from './parts.js';

const CARRIED = ['model', 'contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig'] as const;

/** No effect on the generated content: the router's fields and request labels. */
const ADVISORY = ['start_within', 'serviceTier', 'labels'];

const GENERATION_KEYS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseJsonSchema',
  'responseSchema',
  'thinkingConfig',
  'candidateCount',
];

const LEVELS = ['minimal', 'low', 'medium', 'high'] as const;

function decodeTools(list: unknown[], ir: IRRequest, paths: SourcePaths): void {
  const tools: IRTool[] = [];
  list.forEach((raw, i) => {
    const path = `tools.${i}`;
    const tool = readObject(raw, path);
    if (tool['googleSearch'] !== undefined) {
      checkKeys(tool, path, ['googleSearch']);
      checkKeys(readObject(tool['googleSearch'], joinPath(path, 'googleSearch')), joinPath(path, 'googleSearch'), []);
      setField(ir, 'webSearch', path, {});
      return;
    }
    if (tool['functionDeclarations'] === undefined) {
      throw untranslatable(path, 'Only function declarations and Google Search can be translated.');
    }
    checkKeys(tool, path, ['functionDeclarations']);
    readArray(tool['functionDeclarations'], joinPath(path, 'functionDeclarations')).forEach((rawFn, j) => {
      const p = joinPath(path, 'functionDeclarations', j);
      const fn = readObject(rawFn, p);
      checkKeys(fn, p, ['name', 'description', 'parameters', 'parametersJsonSchema']);
      const description = optional(fn['description'], joinPath(p, 'description'), readString);
      const key = fn['parametersJsonSchema'] !== undefined ? 'parametersJsonSchema' : 'parameters';
      const parameters = optional(fn[key], joinPath(p, key), readObject);
      paths[`tools.${tools.length}`] = p;
      tools.push({
        name: readString(fn['name'], joinPath(p, 'name')),
        ...(description !== undefined ? { description } : {}),
        ...(parameters !== undefined ? { parameters } : {}),
      });
    });
  });
  if (tools.length > 0) ir.tools = tools;
}

/** `functionCallingConfig` as a tool choice; `validated` is Gemini's strict schema mode. */
function decodeToolConfig(value: unknown): { choice?: IRToolChoice; validated: boolean } {
  const config = readObject(value, 'toolConfig');
  checkKeys(config, 'toolConfig', ['functionCallingConfig']);
  const calling = optional(config['functionCallingConfig'], 'toolConfig.functionCallingConfig', readObject);
  if (!calling) return { validated: false };
  const path = 'toolConfig.functionCallingConfig';
  checkKeys(calling, path, ['mode', 'allowedFunctionNames']);
  const mode = readEnum(calling['mode'], `${path}.mode`, ['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED']);
  const allowed = optional(calling['allowedFunctionNames'], `${path}.allowedFunctionNames`, readStrings);
  if (allowed !== undefined && (mode !== 'ANY' || allowed.length !== 1)) {
    throw untranslatable(`${path}.allowedFunctionNames`, 'Only one forced function (mode ANY with one allowed name) can be translated.');
  }
  if (mode === 'ANY') return { choice: allowed?.[0] !== undefined ? { name: allowed[0] } : 'required', validated: false };
  return { choice: mode === 'NONE' ? 'none' : 'auto', validated: mode === 'VALIDATED' };
}

function decodeThinking(value: unknown, paths: SourcePaths): IRReasoningConfig {
  const path = 'generationConfig.thinkingConfig';
  const thinking = readObject(value, path);
  checkKeys(thinking, path, ['thinkingBudget', 'thinkingLevel', 'includeThoughts']);
  const config: IRReasoningConfig = {};
  const budget = optional(thinking['thinkingBudget'], `${path}.thinkingBudget`, readNumber);
  if (budget === 0) config.effort = 'none';
  else if (budget === -1) config.adaptive = true;
  else if (budget !== undefined) config.budgetTokens = budget;
  if (budget !== undefined) paths[budget === 0 ? 'reasoning.effort' : 'reasoning.budgetTokens'] = `${path}.thinkingBudget`;
  const level = optional(thinking['thinkingLevel'], `${path}.thinkingLevel`, readString);
  if (level !== undefined) {
    config.effort = readEnum(level.toLowerCase(), `${path}.thinkingLevel`, LEVELS);
    paths['reasoning.effort'] = `${path}.thinkingLevel`;
  }
  if (thinking['includeThoughts'] === true) {
    config.summary = 'auto';
    paths['reasoning.summary'] = `${path}.includeThoughts`;
  }
  return config;
}

function decodeGeneration(value: unknown, ir: IRRequest, paths: SourcePaths): void {
  const g = readObject(value, 'generationConfig');
  checkKeys(g, 'generationConfig', GENERATION_KEYS);
  const at = (key: string): string => `generationConfig.${key}`;
  setField(ir, 'maxOutputTokens', at('maxOutputTokens'), optional(g['maxOutputTokens'], at('maxOutputTokens'), readNumber));
  setField(ir, 'temperature', at('temperature'), optional(g['temperature'], at('temperature'), readNumber));
  setField(ir, 'topP', at('topP'), optional(g['topP'], at('topP'), readNumber));
  setField(ir, 'topK', at('topK'), optional(g['topK'], at('topK'), readNumber));
  setField(ir, 'stopSequences', at('stopSequences'), optional(g['stopSequences'], at('stopSequences'), readStrings));
  setField(ir, 'seed', at('seed'), optional(g['seed'], at('seed'), readNumber));
  setField(ir, 'presencePenalty', at('presencePenalty'), optional(g['presencePenalty'], at('presencePenalty'), readNumber));
  setField(ir, 'frequencyPenalty', at('frequencyPenalty'), optional(g['frequencyPenalty'], at('frequencyPenalty'), readNumber));
  const candidates = optional(g['candidateCount'], at('candidateCount'), readNumber);
  if (candidates !== undefined && candidates !== 1) throw untranslatable(at('candidateCount'), 'Only one candidate can be translated.');
  const mime = optional(g['responseMimeType'], at('responseMimeType'), (v, p) => readEnum(v, p, ['text/plain', 'application/json']));
  const schemaKey = g['responseJsonSchema'] !== undefined ? 'responseJsonSchema' : 'responseSchema';
  const schema = optional(g[schemaKey], at(schemaKey), readObject);
  if (schema !== undefined && mime !== 'application/json') {
    throw untranslatable(at(schemaKey), 'A response schema needs responseMimeType "application/json".');
  }
  if (mime === 'application/json') {
    setField(ir, 'responseFormat', schema ? at(schemaKey) : at('responseMimeType'), schema ? { type: 'json_schema', schema } : { type: 'json_object' });
  }
  setField(ir, 'reasoning', at('thinkingConfig'), optional(g['thinkingConfig'], at('thinkingConfig'), (v) => decodeThinking(v, paths)));
}

/**
 * Reads a generateContent request body. Throws `unsupported_feature` for what no translation can
 * carry (safety settings, cached content, code execution, non-image media, …) and
 * `invalid_body` for fields of the wrong type.
 */
export function decodeGeminiRequest(body: Record<string, unknown>): IRRequest {
  return decodeAs(DIALECT, () => decode(body));
}

function decode(body: Record<string, unknown>): IRRequest {
  checkKeys(body, '', CARRIED, ADVISORY);
  const paths: SourcePaths = {};
  const model = optional(body['model'], 'model', readString) ?? '';
  const ir: IRRequest = { model: stripModelPrefix(GEMINI_GENERATE_FACTS, model), messages: [], stream: false, sourcePaths: paths, sourceDialect: DIALECT };
  decodeGeminiContents(body, ir, paths);
  const tools = optional(body['tools'], 'tools', readArray);
  if (tools) decodeTools(tools, ir, paths);
  const toolConfig = optional(body['toolConfig'], 'toolConfig', decodeToolConfig);
  setField(ir, 'toolChoice', 'toolConfig', toolConfig?.choice);
  // VALIDATED checks every call against its schema: what OpenAI and Anthropic call strict.
  if (toolConfig?.validated && ir.tools) ir.tools = ir.tools.map((tool) => ({ ...tool, strict: true }));
  if (body['generationConfig'] !== undefined && body['generationConfig'] !== null) decodeGeneration(body['generationConfig'], ir, paths);
  return ir;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function usesLevels(model: string): boolean {
  const major = /gemini-(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 3;
}

function encodeThinking(ir: IRRequest, reasoning: IRReasoningConfig): JsonObject | undefined {
  const thoughts = reasoning.summary !== undefined && reasoning.summary !== 'none' ? { includeThoughts: true } : {};
  if (thinkingOff(reasoning)) return { thinkingBudget: 0, ...thoughts };
  if (reasoning.budgetTokens !== undefined) return { thinkingBudget: reasoning.budgetTokens, ...thoughts };
  if (reasoning.effort !== undefined) {
    if (usesLevels(ir.model)) return { thinkingLevel: nearestEffort(reasoning, LEVELS)?.toUpperCase(), ...thoughts };
    return { thinkingBudget: budgetFor(reasoning), ...thoughts };
  }
  if (reasoning.adaptive) return { thinkingBudget: -1, ...thoughts };
  return Object.keys(thoughts).length > 0 ? thoughts : undefined;
}

/**
 * The tool choice as `functionCallingConfig`. Strict tools under "auto" use VALIDATED mode, which
 * checks calls against their schemas with constrained decoding (it applies to every function).
 */
function encodeToolConfig(ir: IRRequest): JsonObject | undefined {
  const choice = ir.toolChoice;
  const strict = ir.tools?.some((tool) => tool.strict === true) ?? false;
  if (choice === undefined || choice === 'auto') {
    if (strict) return { functionCallingConfig: { mode: 'VALIDATED' } };
    return choice === undefined ? undefined : { functionCallingConfig: { mode: 'AUTO' } };
  }
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}

function encodeTools(ir: IRRequest): unknown[] | undefined {
  const tools: unknown[] = [];
  if (ir.tools && ir.tools.length > 0) {
    tools.push({
      functionDeclarations: ir.tools.map((tool) => ({
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parametersJsonSchema: tool.parameters } : {}),
      })),
    });
  }
  if (ir.webSearch) {
    const options = Object.keys(ir.webSearch);
    if (options.length > 0) {
      throw cannotCarry(ir, 'webSearch', DIALECT, `Google Search takes no options (got ${options.join(', ')}).`);
    }
    tools.push({ googleSearch: {} });
  }
  return tools.length > 0 ? tools : undefined;
}

/**
 * Writes the IR as a generateContent request body (no model, no stream flag: those go in the
 * URL). Throws `unsupported_feature` naming the caller's field for what Gemini cannot carry:
 * turning parallel tool calls off, verbosity, web-search options, mid-conversation system
 * messages, image detail, image URLs without a known media type, reasoning from other providers.
 */
export function encodeGeminiRequest(ir: IRRequest, ctx: RequestEncodeContext): Record<string, unknown> {
  refuseSettings(ir, DIALECT, { verbosity: 'Gemini has no verbosity setting.' });
  if (ir.parallelToolCalls === false) {
    throw cannotCarry(ir, 'parallelToolCalls', DIALECT, 'Gemini cannot be told to call at most one function at a time.');
  }
  const tools = encodeTools(ir);
  const toolConfig = encodeToolConfig(ir);
  const system = encodeGeminiSystem(ir);
  const format = ir.responseFormat;
  const thinking = ir.reasoning ? encodeThinking(ir, ir.reasoning) : undefined;
  const generationConfig: JsonObject = {
    ...(ir.maxOutputTokens !== undefined ? { maxOutputTokens: ir.maxOutputTokens } : {}),
    ...(ir.temperature !== undefined ? { temperature: ir.temperature } : {}),
    ...(ir.topP !== undefined ? { topP: ir.topP } : {}),
    ...(ir.topK !== undefined ? { topK: ir.topK } : {}),
    ...(ir.stopSequences !== undefined ? { stopSequences: ir.stopSequences } : {}),
    ...(ir.seed !== undefined ? { seed: ir.seed } : {}),
    ...(ir.presencePenalty !== undefined ? { presencePenalty: ir.presencePenalty } : {}),
    ...(ir.frequencyPenalty !== undefined ? { frequencyPenalty: ir.frequencyPenalty } : {}),
    ...(format ? { responseMimeType: 'application/json', ...(format.type === 'json_schema' ? { responseJsonSchema: format.schema } : {}) } : {}),
    ...(thinking ? { thinkingConfig: thinking } : {}),
  };
  return {
    contents: encodeGeminiContents(ir),
    ...(system ? { systemInstruction: system } : {}),
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
    ...(ctx.tier !== undefined ? { serviceTier: ctx.tier } : {}),
  };
}
