/**
 * The assistant's text out of a response body, as the seed SDK's helpers give it. Bodies come back
 * as the provider's raw JSON (there is no `output_text` on the wire; OpenAI's SDKs compute it),
 * so these read the raw shapes. Each returns `''` when there is no text.
 */
import { asArray, asObject, asString } from './ir/read.js';

/**
 * Text of an OpenAI Responses `response` (all `output_text` parts of its message items, joined
 * as OpenAI's SDK does) or of a `chat.completion` (the first choice's message content).
 *
 * @example
 * outputText({ object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }] }) // 'Hi'
 * outputText({ object: 'chat.completion', choices: [{ message: { content: 'Hi' } }] })                               // 'Hi'
 */
export function outputText(res: unknown): string {
  const body = asObject(res);
  if (Array.isArray(body['choices'])) {
    const content = asObject(asObject(body['choices'][0])['message'])['content'];
    if (typeof content === 'string') return content;
    return asArray(content)
      .map((part) => (asObject(part)['type'] === 'text' ? (asString(asObject(part)['text']) ?? '') : ''))
      .join('');
  }
  return asArray(body['output'])
    .filter((item) => asObject(item)['type'] === 'message')
    .flatMap((item) => asArray(asObject(item)['content']))
    .map((part) => (asObject(part)['type'] === 'output_text' ? (asString(asObject(part)['text']) ?? '') : ''))
    .join('');
}

/**
 * Text of a Gemini `interaction`: the text of its `model_output` steps after the last
 * `user_input` step (thoughts and tool steps are not answer text).
 *
 * @example
 * interactionOutputText({ steps: [{ type: 'thought', signature: '…' }, { type: 'model_output', content: [{ type: 'text', text: 'Hi' }] }] }) // 'Hi'
 */
export function interactionOutputText(res: unknown): string {
  const steps = asArray(asObject(res)['steps']);
  let start = 0;
  steps.forEach((step, i) => {
    if (asObject(step)['type'] === 'user_input') start = i + 1;
  });
  return steps
    .slice(start)
    .filter((step) => asObject(step)['type'] === 'model_output')
    .flatMap((step) => asArray(asObject(step)['content']))
    .map((content) => (asObject(content)['type'] === 'text' ? (asString(asObject(content)['text']) ?? '') : ''))
    .join('');
}

/**
 * Text of an Anthropic `message`: its text blocks, joined.
 *
 * @example
 * messageOutputText({ type: 'message', content: [{ type: 'text', text: 'Hi' }] }) // 'Hi'
 */
export function messageOutputText(res: unknown): string {
  return asArray(asObject(res)['content'])
    .map((block) => (asObject(block)['type'] === 'text' ? (asString(asObject(block)['text']) ?? '') : ''))
    .join('');
}
