import { describe, expect, it } from 'vitest';
import { interactionOutputText, messageOutputText, outputText } from '../../src/dialects/output-text.js';
import { recorded } from './support/recorded.js';

describe('outputText', () => {
  it('joins every output_text of a Responses object, skipping reasoning', () => {
    const text = outputText(recorded('openai-responses-openai-reasoning-encrypted-content.1.json'));
    expect(text).toBe('12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570');
  });

  it('joins the text of several message items in order', () => {
    const text = outputText(recorded('openai-responses-openai-phase.1.json'));
    expect(text.startsWith('I’ll quickly check reliable')).toBe(true);
    expect(text).toContain('Here are some **latest AI updates');
  });

  it('reads a chat completion', () => {
    expect(outputText(recorded('openai-chat-openai-text.json')).startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(outputText({ object: 'chat.completion', choices: [{ message: { content: null, tool_calls: [] } }] })).toBe('');
  });

  it('gives empty text for a response with only a tool call, or for anything else', () => {
    expect(outputText(recorded('openai-responses-openai-custom-tool.1.json'))).toBe('');
    expect(outputText(null)).toBe('');
    expect(outputText('text')).toBe('');
  });
});

describe('interactionOutputText', () => {
  it('reads the model_output steps of an interaction, not the thoughts', () => {
    expect(interactionOutputText(recorded('interactions-basic.json'))).toBe("Hello! I'm doing well, thank you for asking.\n\nHow are you today?");
    expect(interactionOutputText(recorded('interactions-tool-call-step1.json'))).toBe('');
  });

  it('reads only what follows the last user input', () => {
    const res = {
      steps: [
        { type: 'model_output', content: [{ type: 'text', text: 'old' }] },
        { type: 'user_input', content: [{ type: 'text', text: 'again' }] },
        { type: 'model_output', content: [{ type: 'text', text: 'new ' }, { type: 'image', data: 'x' }, { type: 'text', text: 'answer' }] },
      ],
    };
    expect(interactionOutputText(res)).toBe('new answer');
  });
});

describe('messageOutputText', () => {
  it('reads the text blocks of a message', () => {
    expect(messageOutputText(recorded('anthropic-text.json'))).toBe(
      "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(messageOutputText(recorded('anthropic-json-tool.1.json'))).toBe('');
    expect(messageOutputText({ content: [{ type: 'thinking', thinking: 'hm' }, { type: 'text', text: 'A' }, { type: 'text', text: 'B' }] })).toBe('AB');
  });
});
