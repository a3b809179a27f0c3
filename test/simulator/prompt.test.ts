/**
 * The prompt a reply echoes is read the same way from every dialect's body, so one prompt and
 * model give one answer whichever dialect carries them (what lets tests compare flex and
 * standard attempts across dialects).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promptText } from '../../src/simulator/prompt.js';
import { expectedText } from '../../src/simulator/index.js';

/** The same user prompt, with a history before it, in each dialect's request shape. */
function bodies(prompt: string): Record<string, unknown> {
  return {
    responsesString: { model: 'm', input: prompt },
    responsesItems: {
      model: 'm',
      input: [
        { role: 'user', content: 'earlier' },
        { role: 'assistant', content: 'ok' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] },
      ],
    },
    chat: { model: 'm', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: prompt }] },
    messages: {
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'earlier' },
        { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
        { role: 'user', content: [{ type: 'text', text: prompt }] },
      ],
    },
    generate: { contents: [{ role: 'user', parts: [{ text: 'earlier' }] }, { role: 'model', parts: [{ text: 'ok' }] }, { role: 'user', parts: [{ text: prompt }] }] },
    generateNoRole: { contents: [{ parts: [{ text: prompt }] }] },
    interactionsContent: { model: 'm', input: { type: 'text', text: prompt } },
    interactionsContents: { model: 'm', input: [{ type: 'text', text: prompt }] },
    interactionsSteps: {
      model: 'm',
      input: [
        { type: 'user_input', content: [{ type: 'text', text: 'earlier' }] },
        { type: 'model_output', content: [{ type: 'text', text: 'ok' }] },
        { type: 'user_input', content: [{ type: 'text', text: prompt }] },
      ],
    },
  };
}

const words = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

describe('promptText', () => {
  it('reads the last user text from every dialect’s body shape', () => {
    fc.assert(
      fc.property(words, (prompt) => {
        for (const body of Object.values(bodies(prompt))) expect(promptText(body)).toBe(prompt);
      }),
    );
  });

  it('gives the same expected text in every dialect for the same model', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 1000 }), (prompt, seed) => {
        const all = Object.values(bodies(prompt)).map((body) => expectedText(body, { seed, model: 'gemini-2.5-flash' }));
        expect(new Set(all).size).toBe(1);
        expect(all[0]).toMatch(/^Echo:/);
      }),
    );
  });

  it('takes the model from the body unless told, and answers differently per model', () => {
    const body = { model: 'gpt-5-mini', input: 'same prompt here' };
    expect(expectedText(body)).toBe(expectedText({ input: 'same prompt here' }, { model: 'gpt-5-mini' }));
    expect(expectedText(body, { model: 'gemini-2.5-flash' })).not.toBe(expectedText(body));
  });

  it('finds no prompt where there is no user text', () => {
    expect(promptText({ input: [{ type: 'function_call_output', call_id: 'c', output: '{}' }] })).toBe('');
    expect(promptText({ contents: [{ role: 'model', parts: [{ text: 'only the model' }] }] })).toBe('');
    expect(promptText('not a body')).toBe('');
  });
});
