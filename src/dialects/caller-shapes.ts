/**
 * The caller formats as error messages need them (field names, an example request), by format.
 * A leaf of the dialects floor: the codecs and the router's checks name the caller's fields
 * through it without importing the whole dialect objects.
 */
import type { CallerShape } from '../core/errors.js';
import type { CallerFormat } from '../core/types.js';
import { ANTHROPIC_MESSAGES_CALLER } from './anthropic-messages/caller.js';
import { GEMINI_INTERACTIONS_CALLER } from './gemini-interactions/caller.js';
import { OPENAI_CHAT_CALLER } from './openai-chat/caller.js';
import { OPENAI_RESPONSES_CALLER } from './openai-responses/caller.js';

export const CALLER_SHAPES: Readonly<Record<CallerFormat, CallerShape>> = {
  'openai-responses': OPENAI_RESPONSES_CALLER,
  'openai-chat': OPENAI_CHAT_CALLER,
  'anthropic-messages': ANTHROPIC_MESSAGES_CALLER,
  'gemini-interactions': GEMINI_INTERACTIONS_CALLER,
};

/** The shape of a caller format, for an error's `format` detail (`undefined` stays undefined). */
export function callerShape(format: CallerFormat | undefined): CallerShape | undefined {
  return format === undefined ? undefined : CALLER_SHAPES[format];
}
