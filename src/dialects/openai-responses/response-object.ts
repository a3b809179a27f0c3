/**
 * A Responses `response` object as the SDK types describe it, for responses the router writes
 * itself (a translated stream, a failure frame). The request-echo fields are neutral: the writer
 * does not know the request.
 */
import type { JsonObject } from '../ir/json.js';

/**
 * A complete `response` object with `id`, `created_at` (Unix seconds), `status` and `model` set
 * and everything else neutral (no output, no usage yet).
 *
 * @example
 * responseObject({ id: 'resp_1', createdAt: 1767225600, status: 'in_progress', model: 'gpt-5-mini' })
 */
export function responseObject(fields: { id: string; createdAt: number; status: string; model: string }): JsonObject {
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    metadata: {},
    model: fields.model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: null,
  };
}
