/**
 * What the simulated model "says" for a call, before any wire format: the reply tokens (see
 * text.ts), a function call when the request declares tools and asks for one, or JSON that fits
 * the schema of a structured-output request; plus usage.
 */
import type { Call, Generation, ToolSpec } from './dialects/dialect.js';
import type { Rng } from './random.js';
import { argumentsFor, valueForSchema } from './schema-value.js';
import { estimateTokens, replyTokens } from './text.js';
import type { CountSpec } from './types.js';

export { argumentsFor } from './schema-value.js';

/** Characters per streamed tool-argument delta (and per structured-output delta). */
const ARGUMENT_CHUNK = 6;

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
    servedTier: call.servedTier,
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
  const all =
    call.responseSchema !== undefined
      ? splitEvery(JSON.stringify(valueForSchema(call.responseSchema)), ARGUMENT_CHUNK)
      : replyTokens(options.seed, call.model, call.prompt, options.outputTokens);
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
