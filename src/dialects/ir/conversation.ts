/**
 * Building and reading IR conversations. Decoders feed wire messages part by part to a
 * {@link ConversationBuilder}, which groups them into IR messages by the rules in `request.ts`
 * and records where every message and part came from.
 */
import type { IRMessage, IRPart, SourcePaths } from './request.js';

type Role = IRMessage['role'];

/**
 * Groups parts into messages. A part joins the last message when it has the same role and
 * either belongs to the same wire message or asks to merge (consecutive tool results, an
 * assistant turn split into items).
 *
 * @example
 * ```ts
 * const b = new ConversationBuilder(paths);
 * b.boundary(); b.add('tool', result1, 'messages.2', 'messages.2', true);
 * b.boundary(); b.add('tool', result2, 'messages.3', 'messages.3', true); // same IR message
 * ```
 */
export class ConversationBuilder {
  readonly messages: IRMessage[] = [];
  private sameWireMessage = false;

  constructor(private readonly paths: SourcePaths) {}

  /** A new wire message starts; parts after this begin a new IR message unless they merge. */
  boundary(): void {
    this.sameWireMessage = false;
  }

  /** Adds `part` (from `partPath`) as `role`; a new IR message is recorded as from `messagePath`. */
  add(role: Role, part: IRPart, partPath: string, messagePath: string, merge = false): void {
    let last = this.messages.at(-1);
    if (!last || last.role !== role || !(this.sameWireMessage || merge)) {
      last = { role, content: [] };
      this.messages.push(last);
      this.paths[`messages.${this.messages.length - 1}`] = messagePath;
    }
    last.content.push(part);
    this.paths[`messages.${this.messages.length - 1}.content.${last.content.length - 1}`] = partPath;
    this.sameWireMessage = true;
  }
}

/** The IR path of a message part. */
export function partPath(messageIndex: number, partIndex: number): string {
  return `messages.${messageIndex}.content.${partIndex}`;
}

/** Tool names by call id, from the assistant turns (Gemini's function responses need the name). */
export function toolNamesById(messages: readonly IRMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === 'tool_call') names.set(part.id, part.name);
  }
  return names;
}
