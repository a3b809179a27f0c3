/**
 * Gemini generateContent streams (`:streamGenerateContent?alt=sse`: unnamed `data:` chunks, no
 * end marker): start evidence, the terminal chunks, the error chunk the router ends a broken flex
 * stream with, and the merge of all chunks into one generateContent response (SPEC §4, §4.3).
 *
 * Decisions the SPEC leaves open:
 * - Start evidence is a chunk whose first candidate has a non-empty `content.parts` (any part: a
 *   text, a thought, a function call). A chunk with only `usageMetadata` is bookkeeping.
 * - A chunk with a `finishReason` is the last one Gemini sends (`end`, terminal); so is a prompt
 *   blocked before any candidate (`promptFeedback.blockReason`). A chunk with an `error` object,
 *   or unreadable data, is `error`.
 */
import type { Assembly, CommitRules, DialectStream, EventClass, FailureContext, RelayFailure } from '../../core/commit/rules.js';
import type { SseEvent } from '../../sse/events.js';
import { upstreamFailure } from '../ir/assembly.js';
import { flexFailure } from '../ir/flex-failure.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../ir/json.js';
import { geminiErrorFrame } from './stream-encode.js';

function firstCandidate(chunk: JsonObject): JsonObject | undefined {
  const candidates = chunk['candidates'];
  const first: unknown = Array.isArray(candidates) ? candidates[0] : undefined;
  return isJsonObject(first) ? first : undefined;
}

function hasParts(candidate: JsonObject | undefined): boolean {
  const content = candidate?.['content'];
  return isJsonObject(content) && Array.isArray(content['parts']) && content['parts'].length > 0;
}

function isFinal(chunk: JsonObject, candidate: JsonObject | undefined): boolean {
  if (candidate?.['finishReason'] !== undefined) return true;
  return candidate === undefined && isJsonObject(chunk['promptFeedback']) && chunk['promptFeedback']['blockReason'] !== undefined;
}

const rules: CommitRules = {
  classify(event): EventClass {
    const chunk = parseJsonObject(event.data);
    if (!chunk || chunk['error'] !== undefined) return 'error';
    const candidate = firstCandidate(chunk);
    if (hasParts(candidate)) return 'start';
    return isFinal(chunk, candidate) ? 'end' : 'bookkeeping';
  },
};

function isTerminal(event: SseEvent): boolean {
  // Cheap pre-filter: only chunks that could be final are parsed.
  const data = event.data;
  if (!data.includes('"finishReason"') && !data.includes('"error"') && !data.includes('"blockReason"')) return false;
  const chunk = parseJsonObject(data);
  if (!chunk) return false;
  return chunk['error'] !== undefined || isFinal(chunk, firstCandidate(chunk));
}

/**
 * A Google error chunk (`{"error":{"code":502,"message":…,"status":"UNAVAILABLE","details":[…]}}`)
 * that `@google/genai` throws as `ApiError`. The router's code travels in a `google.rpc.ErrorInfo`
 * detail, where Google puts machine-readable reasons.
 */
function failureFrame(failure: RelayFailure, context: FailureContext = {}): Uint8Array {
  const error = flexFailure(failure, context, undefined, (data) => data['modelVersion']);
  const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'FLEX_FAILED_AFTER_START', domain: 'flexroute' }];
  return new TextEncoder().encode(geminiErrorFrame(error.message, error.status, 'UNAVAILABLE', details));
}

/** Text parts of one kind (answer or thought) are concatenated, as Gemini's whole responses have them. */
function mergePart(parts: JsonObject[], part: JsonObject): void {
  // A bare empty text part (Gemini closes streams with one) adds nothing to a whole response.
  if (part['text'] === '' && Object.keys(part).length === 1) return;
  const last = parts[parts.length - 1];
  const mergeable =
    last !== undefined &&
    typeof part['text'] === 'string' &&
    typeof last['text'] === 'string' &&
    Boolean(part['thought']) === Boolean(last['thought']) &&
    last['thoughtSignature'] === undefined;
  if (!mergeable) {
    parts.push({ ...part });
    return;
  }
  last['text'] = `${String(last['text'])}${String(part['text'])}`;
  if (part['thoughtSignature'] !== undefined) last['thoughtSignature'] = part['thoughtSignature'];
}

/**
 * One generateContent response from the chunks: text parts concatenated (thoughts apart from
 * answer text), function calls and other parts kept in order, the candidate's last
 * `finishReason` and metadata, the last `usageMetadata`. An error chunk makes an `error_event`
 * failure; a stream without a final chunk an `ended_early` one.
 */
function assemble(events: Iterable<SseEvent>): Assembly {
  let response: JsonObject = {};
  const candidate: JsonObject = {};
  const parts: JsonObject[] = [];
  for (const event of events) {
    const chunk = parseJsonObject(event.data);
    if (!chunk) continue;
    if (chunk['error'] !== undefined) return upstreamFailure(chunk['error'], ['status', 'code'], 'error');
    const { candidates: _candidates, ...rest } = chunk;
    response = { ...response, ...rest };
    const first = firstCandidate(chunk);
    if (first) {
      const { content, ...fields } = first;
      Object.assign(candidate, fields);
      if (isJsonObject(content) && Array.isArray(content['parts'])) {
        for (const part of content['parts']) if (isJsonObject(part)) mergePart(parts, part);
      }
    }
    if (isFinal(chunk, first)) {
      const candidates = first ? [{ ...candidate, content: { parts, role: 'model' }, index: candidate['index'] ?? 0 }] : [];
      return { ok: true, body: { candidates, ...response } };
    }
  }
  return {
    ok: false,
    reason: 'ended_early',
    message: 'The provider ended the stream without a chunk carrying a finishReason, so there is no whole response to return.',
  };
}

/**
 * The Gemini generateContent stream dialect.
 *
 * @example
 * ```ts
 * geminiGenerateStream.rules.classify({ data: '{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}' }); // 'start'
 * geminiGenerateStream.rules.classify({ data: '{"error":{"code":503,"status":"UNAVAILABLE"}}' });          // 'error'
 * ```
 */
export const geminiGenerateStream: DialectStream = {
  dialect: 'gemini-generate',
  rules,
  isTerminal,
  failureFrame,
  assemble,
};
