import { describe, expect, it } from 'vitest';
import { transcriptDialect, transcriptEvents, transcriptLines, transcriptNames, transcriptText } from '../support/transcripts.js';

/** The helper other tests build on must frame each dialect as test/fixtures/recorded/NOTICE.md says. */
describe('recorded transcripts as SSE', () => {
  it('finds every recorded stream and its dialect from the name', () => {
    const names = transcriptNames();
    expect(names).toContain('openai-chat-openai-text');
    expect(names.length).toBe(12);
    expect(Object.fromEntries(['openai-responses-openai-error.1', 'openai-chat-openai-text', 'anthropic-text', 'google-text', 'interactions-basic'].map((n) => [n, transcriptDialect(n)]))).toEqual({
      'openai-responses-openai-error.1': 'openai-responses',
      'openai-chat-openai-text': 'openai-chat',
      'anthropic-text': 'anthropic-messages',
      'google-text': 'gemini-generate',
      'interactions-basic': 'gemini-interactions',
    });
    expect(() => transcriptDialect('mystery')).toThrow(/Pass the dialect explicitly/);
  });

  it('OpenAI Responses and Anthropic: event named by type, no [DONE]', () => {
    for (const name of ['openai-responses-openai-error.1', 'anthropic-text']) {
      const text = transcriptText(name);
      const first = JSON.parse(transcriptLines(name)[0]!) as { type: string };
      expect(text.startsWith(`event: ${first.type}\ndata: ${transcriptLines(name)[0]}\n\n`)).toBe(true);
      expect(text).not.toContain('[DONE]');
    }
  });

  it('Gemini Interactions: event named by event_type', () => {
    expect(transcriptEvents('interactions-basic').map((e) => e.event)).toEqual([
      'interaction.created',
      'interaction.status_update',
      'step.start',
      'step.delta',
      'step.stop',
      'step.start',
      'step.delta',
      'step.stop',
      'interaction.completed',
    ]);
  });

  it('OpenAI Chat: unnamed data events ending with data: [DONE]; Gemini generateContent: unnamed, no terminator', () => {
    const chat = transcriptText('openai-chat-openai-text');
    expect(chat.startsWith('data: {')).toBe(true);
    expect(chat.endsWith('}\n\ndata: [DONE]\n\n')).toBe(true);
    expect(chat).not.toContain('event:');
    const gemini = transcriptText('google-text');
    expect(gemini).not.toMatch(/event:|\[DONE\]/);
    expect(transcriptEvents('google-text')).toHaveLength(transcriptLines('google-text').length);
  });

  it('writes CRLF or CR line endings on request', () => {
    expect(transcriptText('anthropic-text', undefined, { lineEnding: '\r\n' })).toMatch(/^event: message_start\r\ndata: .*\r\n\r\nevent: /);
    expect(transcriptText('anthropic-text', undefined, { lineEnding: '\r' })).not.toContain('\n');
  });
});
