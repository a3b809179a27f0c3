/**
 * What the simulated model "says" for a call, before any wire format: the reply tokens (see
 * text.ts), or a function call when the request declares tools and asks for one, plus usage.
 */
import type { Call, Generation, ToolSpec } from './dialects/dialect.js';
import type { Rng } from './random.js';
import { estimateTokens, replyTokens } from './text.js';
import { reportedTier } from './tiers.js';
import type { CountSpec } from './types.js';

/** Characters per streamed tool-argument delta. */
const ARGUMENT_CHUNK = 6;

/** A placeholder value per JSON Schema type, for generated tool arguments. */
const PLACEHOLDER_BY_TYPE: Record<string, unknown> = {
  string: 'sim',
  number: 1,
  integer: 1,
  boolean: true,
  array: [],
  object: {},
  null: null,
};

/** Arguments that satisfy a simple object schema: first enum value or a placeholder per property. */
export function argumentsFor(parameters: unknown): Record<string, unknown> {
  const properties = (parameters as { properties?: Record<string, { type?: unknown; enum?: unknown[] }> })
    ?.properties;
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties ?? {})) {
    const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
    args[name] = Array.isArray(schema?.enum) ? schema.enum[0] : PLACEHOLDER_BY_TYPE[String(type)] ?? null;
  }
  return args;
}

/**
 * Whether the model calls a tool: only if tools are declared and `tool_choice` is not `none`;
 * then when forced (`required` or a named function) or when the prompt says "call".
 */
export function wantsToolCall(call: Call): boolean {
  if (call.tools.length === 0 || call.toolChoice === 'none') return false;
  return call.toolChoice !== 'auto' || /\bcall\b/i.test(call.prompt);
}

function chosenTool(call: Call): ToolSpec | undefined {
  const forced = typeof call.toolChoice === 'object' ? call.toolChoice.name : undefined;
  return call.tools.find((t) => t.name === forced) ?? call.tools[0];
}

function splitEvery(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

/** Inputs to one generation besides the call. */
export interface GenerateOptions {
  seed: number;
  outputTokens: CountSpec | undefined;
  /** Scripted override of the tool decision. */
  toolCall: boolean | undefined;
  /** PRNG for ids and padding. */
  rng: Rng;
}

export function generate(call: Call, options: GenerateOptions): Generation {
  const base = {
    inputTokens: call.inputTokens,
    servedTier: reportedTier(call.requestedTier),
    createdAt: Math.floor(Date.now() / 1000),
    rng: options.rng,
  };
  const tool = (options.toolCall ?? wantsToolCall(call)) ? chosenTool(call) : undefined;
  if (tool) {
    const args = JSON.stringify(argumentsFor(tool.parameters));
    const chunks = splitEvery(args, ARGUMENT_CHUNK);
    return {
      ...base,
      tokens: [],
      text: '',
      toolCall: { name: tool.name, arguments: args, chunks },
      truncated: false,
      outputTokens: estimateTokens(tool.name + args),
    };
  }
  const all = replyTokens(options.seed, call.model, call.prompt, options.outputTokens);
  const tokens = call.maxOutputTokens !== undefined ? all.slice(0, call.maxOutputTokens) : all;
  return {
    ...base,
    tokens,
    text: tokens.join(''),
    toolCall: undefined,
    truncated: tokens.length < all.length,
    outputTokens: tokens.length,
  };
}
