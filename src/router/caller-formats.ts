import { z } from 'zod';
import type { CallerFormat } from '../core/types.js';

/**
 * What the router needs to know about each caller format before any translation: which field
 * holds the input, the shape of the fields it validates, and how the format caps output tokens
 * (SPEC §3.4's `missing_max_tokens` rule for Claude). Data, not code.
 */
export interface CallerFormatSpec {
  format: CallerFormat;
  /** The field that holds the conversation. */
  inputField: 'input' | 'messages';
  /** zod schema of the fields the router reads; everything else passes through unchecked. */
  schema: z.ZodType;
  /** True when the body carries an output-token cap the format defines. */
  hasTokenCap(body: Record<string, unknown>): boolean;
  /** The param to name in `missing_max_tokens` for this format. */
  tokenCapParam: string;
}

const streamField = z.boolean({ error: 'must be true or false' }).optional();
const modelField = z.string({ error: 'must be a string, e.g. "gpt-5-mini"' }).min(1, 'must not be empty');

const isPositiveInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value > 0;

export const CALLER_FORMATS: Readonly<Record<CallerFormat, CallerFormatSpec>> = {
  'openai-responses': {
    format: 'openai-responses',
    inputField: 'input',
    schema: z.object({
      model: modelField,
      input: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of input items' }),
      stream: streamField,
    }),
    hasTokenCap: (body) => isPositiveInteger(body.max_output_tokens),
    tokenCapParam: 'max_output_tokens',
  },
  'openai-chat': {
    format: 'openai-chat',
    inputField: 'messages',
    schema: z.object({
      model: modelField,
      messages: z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must hold at least one message'),
      stream: streamField,
    }),
    hasTokenCap: (body) => isPositiveInteger(body.max_completion_tokens) || isPositiveInteger(body.max_tokens),
    tokenCapParam: 'max_completion_tokens',
  },
  'anthropic-messages': {
    format: 'anthropic-messages',
    inputField: 'messages',
    schema: z.object({
      model: modelField,
      messages: z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must hold at least one message'),
      stream: streamField,
    }),
    hasTokenCap: (body) => isPositiveInteger(body.max_tokens),
    tokenCapParam: 'max_tokens',
  },
  'gemini-interactions': {
    format: 'gemini-interactions',
    inputField: 'input',
    schema: z.object({
      model: modelField,
      input: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())], {
        error: 'must be a string, a content object or an array of turns',
      }),
      stream: streamField,
    }),
    hasTokenCap: (body) => {
      const config = body.generation_config as Record<string, unknown> | undefined;
      return isPositiveInteger(config?.max_output_tokens);
    },
    tokenCapParam: 'generation_config.max_output_tokens',
  },
};
