/**
 * The demo's second part: any caller format to any provider. Requests in the Anthropic Messages
 * and Gemini Interactions shapes go to OpenAI and Gemini models, and one in the Responses shape
 * to a Claude model, each through the provider's official SDK, and come back in the caller's own
 * format. The SDKs are loaded when this part runs (they are development dependencies).
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';

/** One cross-format request, as the demo reports it. */
export interface CrossFormatResult {
  /** `Anthropic Messages → gpt-5-mini (openai)`. */
  route: string;
  /** What came back, in the caller's shape: `message msg_… "Echo: …"`. */
  answer: string;
  /** `x-flexroute-tier` of the answer. */
  tier: string;
  ok: boolean;
}

const PROMPT = 'Say hello in five words.';

/** Sends the four cross-format requests to the router at `origin` (no trailing slash). */
export async function runCrossFormat(origin: string): Promise<CrossFormatResult[]> {
  const anthropic = new Anthropic({ apiKey: 'sk-ant-demo-not-a-real-key', baseURL: origin, maxRetries: 0 });
  const openai = new OpenAI({ apiKey: 'sk-demo-not-a-real-key', baseURL: `${origin}/v1`, maxRetries: 0 });
  // The genai client builds its own bodies: start_within rides in the x-start-within header.
  const google = new GoogleGenAI({ apiKey: 'demo-not-a-real-key', httpOptions: { baseUrl: origin, headers: { 'x-start-within': '00h-00m-10s' } } });

  const messages = async (model: string, provider: string): Promise<CrossFormatResult> => {
    const params = { model, max_tokens: 200, messages: [{ role: 'user' as const, content: PROMPT }], start_within: '00h-00m-10s' };
    const { data, response } = await anthropic.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
    const text = data.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { route: `Anthropic Messages → ${model} (${provider})`, answer: `${data.type} ${data.id.slice(0, 12)}… "${clip(text)}"`, tier: response.headers.get('x-flexroute-tier') ?? '', ok: true };
  };
  const interactions = async (model: string, provider: string): Promise<CrossFormatResult> => {
    const interaction = (await google.interactions.create({ model, input: PROMPT } as never)) as unknown as { id: string; status: string; service_tier?: string; outputs?: { text?: string }[]; steps?: { content?: { text?: string }[] }[] };
    const text = (interaction.steps ?? []).flatMap((step) => step.content ?? []).map((part) => part.text ?? '').join('') || (interaction.outputs ?? []).map((o) => o.text ?? '').join('');
    return { route: `Gemini Interactions → ${model} (${provider})`, answer: `interaction ${interaction.status} "${clip(text)}"`, tier: interaction.service_tier ?? '', ok: interaction.status === 'completed' };
  };
  const responses = async (model: string, provider: string): Promise<CrossFormatResult> => {
    const params = { model, input: PROMPT, max_output_tokens: 200, start_within: 'default' };
    const { data, response } = await openai.responses.create(params as OpenAI.Responses.ResponseCreateParamsNonStreaming).withResponse();
    return { route: `OpenAI Responses → ${model} (${provider})`, answer: `${data.object} ${data.id.slice(0, 12)}… "${clip(data.output_text)}"`, tier: response.headers.get('x-flexroute-tier') ?? '', ok: true };
  };

  const attempts: [string, () => Promise<CrossFormatResult>][] = [
    ['Anthropic Messages → gpt-5-mini (openai)', () => messages('gpt-5-mini', 'openai')],
    ['Anthropic Messages → gemini-2.5-flash (gemini)', () => messages('gemini-2.5-flash', 'gemini')],
    ['Gemini Interactions → gpt-5-mini (openai)', () => interactions('gpt-5-mini', 'openai')],
    ['OpenAI Responses → claude-sonnet-4-5 (anthropic)', () => responses('claude-sonnet-4-5', 'anthropic')],
  ];
  const results: CrossFormatResult[] = [];
  for (const [route, attempt] of attempts) {
    results.push(await attempt().catch((err: unknown) => ({ route, answer: `failed: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}`, tier: '', ok: false })));
  }
  return results;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
