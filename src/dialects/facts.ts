/** The field facts of every wire dialect, by id: the one table the codecs, checks and messages read. */
import type { DialectId } from '../core/types.js';
import { ANTHROPIC_MESSAGES_FACTS } from './anthropic-messages/facts.js';
import { GEMINI_GENERATE_FACTS } from './gemini-generate/facts.js';
import { GEMINI_INTERACTIONS_FACTS } from './gemini-interactions/facts.js';
import type { DialectFacts } from './ir/facts.js';
import { OPENAI_CHAT_FACTS } from './openai-chat/facts.js';
import { OPENAI_RESPONSES_FACTS } from './openai-responses/facts.js';

export const DIALECT_FACTS: Readonly<Record<DialectId, DialectFacts>> = {
  'openai-responses': OPENAI_RESPONSES_FACTS,
  'openai-chat': OPENAI_CHAT_FACTS,
  'anthropic-messages': ANTHROPIC_MESSAGES_FACTS,
  'gemini-generate': GEMINI_GENERATE_FACTS,
  'gemini-interactions': GEMINI_INTERACTIONS_FACTS,
};

/** A model id without the dialect's resource prefix (`models/gemini-2.5-flash` → `gemini-2.5-flash`). */
export function stripModelPrefix(facts: DialectFacts, model: string): string {
  return facts.modelPrefix !== undefined && model.startsWith(facts.modelPrefix) ? model.slice(facts.modelPrefix.length) : model;
}
