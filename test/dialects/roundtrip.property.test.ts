/**
 * Round trips through every dialect codec, on generated requests.
 *
 * For each dialect a generator makes IR requests that dialect can carry, and `canonical` says,
 * as data, what the dialect does to what it carries (Gemini drops call ids and re-derives them,
 * Anthropic has no refusal channel, Interactions joins system blocks, …). Properties:
 * 1. IR → dialect → IR gives the canonical IR.
 * 2. dialect → IR → dialect gives the same body (format → IR → same format), for generated bodies.
 * 3. Any dialect to any other preserves the conversation (text, images, tool calls and results).
 * 4. Whole responses: IR → dialect → IR keeps what the dialect carries, and the served tier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { codecs } from '../../src/dialects/codecs.js';
import type { ServedTier, StopReason } from '../../src/dialects/ir/common.js';
import { guessImageMediaType } from '../../src/dialects/ir/media.js';
import { budgetForEffort, effortForBudget, reasoningFromSlot, reasoningSlot } from '../../src/dialects/ir/reasoning.js';
import type {
  IREffort,
  IRImagePart,
  IRMessage,
  IRPart,
  IRReasoningConfig,
  IRReasoningPart,
  IRRequest,
  IRTextPart,
  IRTool,
  IRToolCallPart,
  IRToolResultPart,
} from '../../src/dialects/ir/request.js';
import type { IROutputPart, IRResponse } from '../../src/dialects/ir/response.js';
import { withIdPrefix } from '../../src/dialects/ir/ids.js';

const RUNS = { numRuns: 150 };

// ---------------------------------------------------------------------------------------------
// Generators

/** What a dialect can carry, so the generator only makes requests it can. */
interface Profile {
  dialect: DialectId;
  midSystem: boolean;
  refusal: boolean;
  imageDetail: boolean;
  reasoningPart: (dialect: DialectId) => fc.Arbitrary<IRPart>;
  callSignature: boolean;
  resultParts: boolean;
  resultImages: boolean;
  resultError: boolean;
  settings: fc.Arbitrary<Partial<IRRequest>>;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdefgh XYZ0123.,!'.split('')), minLength: 1, maxLength: 16 });
const anyText = fc.string({ minLength: 1, maxLength: 24 });
const textPart: fc.Arbitrary<IRTextPart> = anyText.map((text) => ({ type: 'text', text }));
const base64 = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789+/'.split('')), minLength: 4, maxLength: 12 });
const mediaType = fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/gif');
const imageUrl = fc.tuple(fc.constantFrom('cat', 'dog', 'chart'), fc.constantFrom('png', 'jpg', 'jpeg', 'webp', 'gif')).map(([name, ext]) => `https://img.test/${name}.${ext}`);

function imagePart(withDetail: boolean): fc.Arbitrary<IRImagePart> {
  const source = fc.oneof(
    fc.record({ kind: fc.constant('base64' as const), mediaType, data: base64 }),
    imageUrl.map((url) => ({ kind: 'url' as const, url })),
  );
  return fc.record({ type: fc.constant('image' as const), source, ...(withDetail ? { detail: fc.constantFrom('auto', 'low', 'high') } : {}) }, { requiredKeys: ['type', 'source'] });
}

const args = fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.oneof(fc.integer(), word, fc.boolean()), { maxKeys: 3 }).map((o) => JSON.stringify(o));
const schema = fc.constantFrom<Record<string, unknown>>(
  { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  { type: 'object', properties: { n: { type: 'integer' } } },
);
const tool = (i: number): fc.Arbitrary<IRTool> =>
  fc.record({ name: fc.constant(`tool_${i}`), description: word, parameters: schema, strict: fc.boolean() }, { requiredKeys: ['name', 'parameters'] });

/** A user turn, then assistant turns (with tool calls answered by a tool turn), then users again. */
function conversation(p: Profile): fc.Arbitrary<IRMessage[]> {
  const userParts = fc.array(fc.oneof({ weight: 3, arbitrary: textPart }, { weight: 1, arbitrary: imagePart(p.imageDetail) }), { minLength: 1, maxLength: 3 });
  const user = userParts.map((content): IRMessage => ({ role: 'user', content }));
  const lead = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: textPart as fc.Arbitrary<IRPart> },
      { weight: p.refusal ? 1 : 0, arbitrary: anyText.map((text): IRPart => ({ type: 'refusal', text })) },
      { weight: 1, arbitrary: p.reasoningPart(p.dialect) },
    ),
    { maxLength: 3 },
  );
  const result = (callId: string): fc.Arbitrary<IRToolResultPart> =>
    fc.record(
      {
        type: fc.constant('tool_result' as const),
        callId: fc.constant(callId),
        content: fc.oneof(
          word,
          args,
          ...(p.resultParts ? [fc.array(p.resultImages ? fc.oneof(textPart, imagePart(false)) : textPart, { minLength: 1, maxLength: 2 })] : []),
        ),
        ...(p.resultError ? { isError: fc.constant(true) } : {}),
      },
      { requiredKeys: ['type', 'callId', 'content'] },
    );
  const exchange = (turn: number): fc.Arbitrary<IRMessage[]> =>
    fc
      .tuple(lead, fc.array(fc.tuple(fc.constantFrom('alpha', 'beta'), args, p.callSignature ? fc.option(base64, { nil: undefined }) : fc.constant(undefined)), { maxLength: 3 }))
      .filter(([parts, calls]) => parts.length + calls.length > 0)
      .chain(([parts, calls]) => {
        const callParts = calls.map(([name, a, signature], k): IRToolCallPart => ({
          type: 'tool_call',
          id: `call_${turn}_${k}`,
          name,
          arguments: a,
          ...(signature !== undefined ? { signature } : {}),
        }));
        const assistant: IRMessage = { role: 'assistant', content: orderAssistant(p, [...parts, ...callParts]) };
        if (callParts.length === 0) return fc.constant([assistant]);
        return fc.tuple(...callParts.map((c) => result(c.id))).map((results): IRMessage[] => [assistant, { role: 'tool', content: results }]);
      });
  const system = fc.array(textPart, { minLength: 1, maxLength: 2 }).map((content): IRMessage => ({ role: 'system', content }));
  const followUp = p.midSystem ? fc.oneof({ weight: 4, arbitrary: user.map((u) => [u]) }, { weight: 1, arbitrary: fc.tuple(system, user).map(([s, u]) => [s, u]) }) : user.map((u) => [u]);
  return fc.tuple(user, fc.integer({ min: 0, max: 3 })).chain(([first, turns]) =>
    fc.tuple(...Array.from({ length: turns }, (_, t) => fc.tuple(exchange(t), followUp, fc.boolean()))).map((blocks) => {
      const out: IRMessage[] = [first];
      blocks.forEach(([turn, next, ask], t) => {
        out.push(...turn);
        // An assistant turn is followed by a user turn before the next assistant turn.
        if (ask || (turn.at(-1)?.role === 'assistant' && t < turns - 1)) out.push(...next);
      });
      return out;
    }),
  );
}

/** Chat writes an assistant turn as content, then refusal, then tool calls: generate in that order. */
function orderAssistant(p: Profile, parts: IRPart[]): IRPart[] {
  if (p.dialect !== 'openai-chat') return parts;
  const rank = (part: IRPart): number => (part.type === 'text' ? 0 : part.type === 'refusal' ? 1 : 2);
  const refusals = parts.filter((part) => part.type === 'refusal').slice(0, 1);
  return [...parts.filter((part) => part.type !== 'refusal'), ...refusals].sort((a, b) => rank(a) - rank(b));
}

const noReasoning = (): fc.Arbitrary<IRPart> => textPart;

function request(p: Profile, model = 'test-model'): fc.Arbitrary<IRRequest> {
  return fc
    .record(
      {
        system: fc.array(textPart, { minLength: 1, maxLength: 2 }),
        messages: conversation(p),
        tools: fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => tool(i)))),
        settings: p.settings,
      },
      { requiredKeys: ['messages', 'settings'] },
    )
    .map(({ system, messages, tools, settings }) => ({
      model,
      messages,
      stream: false,
      ...(system ? { system } : {}),
      ...(tools ? { tools } : {}),
      ...settings,
    }));
}

const temperature = fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true });
const stops = fc.array(word, { minLength: 1, maxLength: 2 });
const toolChoice = fc.oneof(fc.constantFrom('auto' as const, 'none' as const, 'required' as const), fc.constant({ name: 'tool_0' }));
const responseFormat = fc.oneof(
  fc.constant({ type: 'json_object' as const }),
  fc.record({ type: fc.constant('json_schema' as const), name: fc.constantFrom('answer', 'result'), schema, strict: fc.boolean() }, { requiredKeys: ['type', 'schema'] }),
);
const metadata = fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), word, { maxKeys: 2 });
const location = fc.record({ city: word, country: fc.constantFrom('FR', 'US') }, { requiredKeys: [] });

function settings(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Partial<IRRequest>> {
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Partial<IRRequest>>;
}

const OPENAI_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

const PROFILES: Record<DialectId, Profile> = {
  'openai-chat': {
    dialect: 'openai-chat',
    midSystem: true,
    refusal: true,
    imageDetail: true,
    reasoningPart: noReasoning,
    callSignature: false,
    resultParts: true,
    resultImages: false,
    resultError: false,
    settings: settings({
      toolChoice,
      parallelToolCalls: fc.boolean(),
      maxOutputTokens: fc.integer({ min: 1, max: 9000 }),
      temperature,
      topP: temperature.map((t) => t / 2),
      seed: fc.integer(),
      presencePenalty: temperature,
      frequencyPenalty: temperature,
      stopSequences: stops,
      responseFormat,
      reasoning: fc.constantFrom(...OPENAI_EFFORTS).map((effort) => ({ effort })),
      verbosity: fc.constantFrom('low', 'medium', 'high'),
      metadata,
    }),
  },
  'openai-responses': {
    dialect: 'openai-responses',
    midSystem: true,
    refusal: true,
    imageDetail: true,
    reasoningPart: (origin) =>
      fc
        .record({ text: anyText, signature: base64, id: fc.stringMatching(/^rs_[a-z0-9]{4}$/) }, { requiredKeys: [] })
        .map((r): IRPart => ({ type: 'reasoning', origin, ...r })),
    callSignature: false,
    resultParts: true,
    resultImages: true,
    resultError: false,
    settings: settings({
      toolChoice,
      parallelToolCalls: fc.boolean(),
      maxOutputTokens: fc.integer({ min: 1, max: 9000 }),
      temperature,
      topP: temperature.map((t) => t / 2),
      responseFormat,
      reasoning: fc.record({ effort: fc.constantFrom(...OPENAI_EFFORTS), summary: fc.constantFrom('auto', 'concise', 'detailed') }, { requiredKeys: [] }),
      verbosity: fc.constantFrom('low', 'medium', 'high'),
      metadata,
      webSearch: fc.record({ contextSize: fc.constantFrom('low', 'medium', 'high'), userLocation: location, allowedDomains: fc.array(word, { maxLength: 2 }) }, { requiredKeys: [] }),
    }),
  },
  'anthropic-messages': {
    dialect: 'anthropic-messages',
    midSystem: false,
    refusal: true,
    imageDetail: false,
    reasoningPart: (origin) =>
      fc.oneof(
        fc.record({ text: anyText, signature: base64 }, { requiredKeys: ['signature'] }).map((r): IRPart => ({ type: 'reasoning', origin, ...r })),
        base64.map((signature): IRPart => ({ type: 'reasoning', origin, signature, redacted: true })),
      ),
    callSignature: false,
    resultParts: true,
    resultImages: true,
    resultError: true,
    settings: settings({
      toolChoice,
      parallelToolCalls: fc.boolean(),
      temperature,
      topP: temperature.map((t) => t / 2),
      topK: fc.integer({ min: 1, max: 100 }),
      stopSequences: stops,
      responseFormat: fc.record({ type: fc.constant('json_schema' as const), schema }),
      reasoning: fc.oneof(
        fc.record({ budgetTokens: fc.integer({ min: 1024, max: 8191 }), summary: fc.constantFrom('auto', 'none') }, { requiredKeys: ['budgetTokens'] }),
        fc.constant({ effort: 'none' as const }),
        fc.record({ adaptive: fc.constant(true), effort: fc.constantFrom('low', 'medium', 'high', 'xhigh', 'max'), summary: fc.constantFrom('auto', 'none') }, { requiredKeys: ['adaptive'] }),
      ),
      webSearch: fc.record({ maxUses: fc.integer({ min: 1, max: 5 }), allowedDomains: fc.array(word, { maxLength: 2 }), userLocation: location }, { requiredKeys: [] }),
    }).map((s) => ({ ...s, maxOutputTokens: 8192 })),
  },
  'gemini-generate': {
    dialect: 'gemini-generate',
    midSystem: false,
    refusal: false,
    imageDetail: false,
    reasoningPart: (origin) =>
      fc.oneof(
        fc.record({ text: anyText, signature: base64 }, { requiredKeys: ['text'] }).map((r): IRPart => ({ type: 'reasoning', origin, ...r })),
        base64.map((signature): IRPart => ({ type: 'reasoning', origin, signature })),
      ),
    callSignature: true,
    resultParts: false,
    resultImages: false,
    resultError: true,
    settings: settings({
      toolChoice,
      maxOutputTokens: fc.integer({ min: 1, max: 9000 }),
      temperature,
      topP: temperature.map((t) => t / 2),
      topK: fc.integer({ min: 1, max: 100 }),
      seed: fc.integer(),
      presencePenalty: temperature,
      frequencyPenalty: temperature,
      stopSequences: stops,
      responseFormat: fc.oneof(fc.constant({ type: 'json_object' as const }), fc.record({ type: fc.constant('json_schema' as const), schema })),
      reasoning: fc.oneof(
        fc.record({ budgetTokens: fc.integer({ min: 1, max: 24576 }), summary: fc.constant('auto' as const) }, { requiredKeys: ['budgetTokens'] }),
        fc.constant({ effort: 'none' as const }),
        fc.constant({ adaptive: true }),
      ),
      webSearch: fc.constant({}),
    }),
  },
  'gemini-interactions': {
    dialect: 'gemini-interactions',
    midSystem: false,
    refusal: false,
    imageDetail: false,
    reasoningPart: (origin) =>
      fc.record({ text: anyText, signature: base64 }, { requiredKeys: ['signature'] }).map((r): IRPart => ({ type: 'reasoning', origin, ...r })),
    callSignature: false,
    resultParts: true,
    resultImages: true,
    resultError: true,
    settings: settings({
      toolChoice,
      maxOutputTokens: fc.integer({ min: 1, max: 9000 }),
      temperature,
      topP: temperature.map((t) => t / 2),
      seed: fc.integer(),
      stopSequences: stops,
      responseFormat: fc.oneof(fc.constant({ type: 'json_object' as const }), fc.record({ type: fc.constant('json_schema' as const), schema })),
      reasoning: fc.record({ effort: fc.constantFrom('minimal', 'low', 'medium', 'high'), summary: fc.constantFrom('auto', 'none') }, { requiredKeys: ['effort'] }),
      metadata,
      webSearch: fc.constant({}),
    }),
  },
};

// ---------------------------------------------------------------------------------------------
// What each dialect does to what it carries

type Canon = (ir: IRRequest) => IRRequest;

const withoutProvenance: Canon = ({ sourcePaths: _p, sourceDialect: _d, ...ir }) => ir;

function mapParts(ir: IRRequest, fn: (part: IRPart, message: IRMessage) => IRPart[]): IRRequest {
  return { ...ir, messages: ir.messages.map((m) => ({ ...m, content: m.content.flatMap((part) => fn(part, m)) })) };
}

const refusalAsText: Canon = (ir) => mapParts(ir, (part) => [part.type === 'refusal' ? { type: 'text', text: part.text } : part]);

/** Gemini-style strictness: strict tools under "auto" become a schema-checked mode for every tool. */
const strictAsMode: Canon = (ir) => {
  if (!ir.tools) return ir;
  const strict = ir.tools.some((t) => t.strict === true) && (ir.toolChoice === undefined || ir.toolChoice === 'auto');
  return {
    ...ir,
    tools: ir.tools.map(({ strict: _s, ...t }) => (strict ? { ...t, strict: true } : t)),
    ...(strict ? { toolChoice: 'auto' as const } : {}),
  };
};

const dropUnset = (ir: IRRequest): IRRequest => JSON.parse(JSON.stringify(ir)) as IRRequest;

function dropKeys(...keys: Array<keyof IRRequest>): Canon {
  return (ir) => {
    const copy = { ...ir };
    for (const key of keys) delete copy[key];
    return copy;
  };
}

const parallelOnlyWhenOff: Canon = (ir) => (ir.parallelToolCalls === true ? dropKeys('parallelToolCalls')(ir) : ir);

const schemaOnly: Canon = (ir) =>
  ir.responseFormat?.type === 'json_schema' ? { ...ir, responseFormat: { type: 'json_schema', schema: ir.responseFormat.schema } } : ir;

const joinSystem: Canon = (ir) => (ir.system && ir.system.length > 1 ? { ...ir, system: [{ type: 'text', text: ir.system.map((s) => s.text).join('\n\n') }] } : ir);

function reasoning(fn: (r: IRReasoningConfig) => IRReasoningConfig | undefined): Canon {
  return (ir) => {
    if (!ir.reasoning) return ir;
    const next = fn(ir.reasoning);
    const { reasoning: _r, ...rest } = ir;
    return next && Object.keys(next).length > 0 ? { ...rest, reasoning: next } : rest;
  };
}

/** Gemini pairs calls and responses by name and order: ids are re-derived, names filled in. */
const geminiIds: Canon = (ir) => {
  const renamed = new Map<string, string>();
  const names = new Map<string, string>();
  // Ids are numbered by Gemini content, and a user turn after tool results shares their content.
  let content = -1;
  ir.messages.forEach((m, i) => {
    if (!(m.role === 'user' && ir.messages[i - 1]?.role === 'tool')) content += 1;
    let n = 0;
    for (const part of m.content) {
      if (part.type !== 'tool_call') continue;
      n += 1;
      renamed.set(part.id, `call_${content}_${n}`);
      names.set(part.id, part.name);
    }
  });
  return mapParts(ir, (part) => {
    if (part.type === 'tool_call') return [{ ...part, id: renamed.get(part.id) ?? part.id }];
    if (part.type === 'tool_result') return [{ ...part, callId: renamed.get(part.callId) ?? part.callId, name: names.get(part.callId) ?? '' }];
    return [part];
  });
};

/** A signature-only reasoning part just before an unsigned Gemini call is that call's signature. */
const geminiSignatures: Canon = (ir) => ({
  ...ir,
  messages: ir.messages.map((m) => {
    const out: IRPart[] = [];
    m.content.forEach((part, j) => {
      const next = m.content[j + 1];
      if (part.type === 'reasoning' && part.text === undefined && next?.type === 'tool_call' && next.signature === undefined) return;
      const previous = m.content[j - 1];
      if (part.type === 'tool_call' && part.signature === undefined && previous?.type === 'reasoning' && previous.text === undefined) {
        out.push({ ...part, signature: previous.signature ?? '' });
        return;
      }
      out.push(part);
    });
    return { ...m, content: out };
  }),
});

/** Gemini needs a media type for an image URL; it is guessed from the extension. */
const urlMediaTypes: Canon = (ir) =>
  mapParts(ir, (part) =>
    part.type === 'image' && part.source.kind === 'url' && part.source.mediaType === undefined
      ? [{ ...part, source: { ...part.source, mediaType: guessImageMediaType(part.source.url) ?? '' } }]
      : [part],
  );

/** OpenAI requires a schema name; formats without one get a neutral name. */
const namedSchema: Canon = (ir) =>
  ir.responseFormat?.type === 'json_schema' ? { ...ir, responseFormat: { ...ir.responseFormat, name: ir.responseFormat.name ?? 'response' } } : ir;

/** "Think at the default depth" is what OpenAI reasoning models do unasked. */
const defaultReasoning = reasoning((r) => r);

const CANON: Record<DialectId, Canon[]> = {
  'openai-chat': [withoutProvenance, namedSchema],
  'openai-responses': [
    withoutProvenance,
    namedSchema,
    defaultReasoning,
  ],
  'anthropic-messages': [
    withoutProvenance,
    refusalAsText,
    parallelOnlyWhenOff,
    (ir) => (ir.parallelToolCalls === false && ir.toolChoice === undefined ? { ...ir, toolChoice: 'auto' } : ir),
    (ir) => (ir.toolChoice === 'none' ? dropKeys('parallelToolCalls')(ir) : ir),
    schemaOnly,
  ],
  'gemini-generate': [
    withoutProvenance,
    (ir) => ({ ...ir, model: '' }),
    refusalAsText,
    parallelOnlyWhenOff,
    strictAsMode,
    schemaOnly,
    geminiSignatures,
    geminiIds,
    urlMediaTypes,
    reasoning((r) => (r.effort !== undefined && r.effort !== 'none' ? { budgetTokens: budgetForEffort(r.effort) } : r)),
  ],
  'gemini-interactions': [withoutProvenance, refusalAsText, parallelOnlyWhenOff, strictAsMode, schemaOnly, joinSystem],
};

function canonical(dialect: DialectId, ir: IRRequest): IRRequest {
  return dropUnset(CANON[dialect].reduce((acc, step) => step(acc), ir));
}

function viaDialect(dialect: DialectId, ir: IRRequest): IRRequest {
  return codecs[dialect].decodeRequest(codecs[dialect].encodeRequest(ir, { stream: false }));
}

// ---------------------------------------------------------------------------------------------
// Properties

const DIALECTS = Object.keys(PROFILES) as DialectId[];

describe.each(DIALECTS)('%s request codec', (dialect) => {
  it('IR → dialect → IR keeps everything the dialect carries', () => {
    fc.assert(
      fc.property(request(PROFILES[dialect]), (ir) => {
        expect(dropUnset(withoutProvenance(viaDialect(dialect, ir)))).toEqual(canonical(dialect, ir));
      }),
      RUNS,
    );
  });

  it('dialect → IR → dialect gives the same body', () => {
    fc.assert(
      fc.property(request(PROFILES[dialect]), fc.constantFrom('flex', 'default', undefined), fc.boolean(), (ir, tier, stream) => {
        const ctx = { ...(tier ? { tier } : {}), stream };
        const body = codecs[dialect].encodeRequest(ir, ctx);
        expect(codecs[dialect].encodeRequest(codecs[dialect].decodeRequest(body), ctx)).toEqual(body);
      }),
      RUNS,
    );
  });
});

/** The conversation as every dialect carries it: who said what, which tool was called with what. */
function gist(ir: IRRequest): unknown {
  return {
    system: (ir.system ?? []).map((s) => s.text).join('\n\n'),
    messages: ir.messages.map((m) => ({
      role: m.role,
      content: m.content.map((part) => {
        switch (part.type) {
          case 'tool_call':
            return { call: part.name, args: JSON.parse(part.arguments) as unknown };
          case 'tool_result':
            return { result: part.content };
          case 'image':
            return part.source.kind === 'url' ? { image: part.source.url } : { image: part.source.data, mediaType: part.source.mediaType };
          default:
            return part;
        }
      }),
    })),
    tools: (ir.tools ?? []).map((t) => ({ name: t.name, parameters: t.parameters })),
    maxOutputTokens: ir.maxOutputTokens,
  };
}

/** Requests every dialect carries: text, base64 images, tool calls with plain-text results. */
const portable: fc.Arbitrary<IRRequest> = request({
  dialect: 'openai-chat',
  midSystem: false,
  refusal: false,
  imageDetail: false,
  reasoningPart: noReasoning,
  callSignature: false,
  resultParts: false,
  resultImages: false,
  resultError: false,
  settings: settings({ maxOutputTokens: fc.integer({ min: 1, max: 9000 }) }),
}).map((ir) => ({
  ...ir,
  maxOutputTokens: ir.maxOutputTokens ?? 1024,
  // Plain-text results only: Gemini would turn JSON text into an object and back.
  ...mapParts(ir, (part) => [part.type === 'tool_result' && typeof part.content === 'string' && part.content.startsWith('{') ? { ...part, content: 'done' } : part]),
  tools: ir.tools?.map(({ strict: _s, description: _d, ...t }) => t),
}));

describe('any caller format to any provider', () => {
  it.each(DIALECTS.flatMap((from) => DIALECTS.map((to) => [from, to] as const)))('%s → %s keeps the conversation', (from, to) => {
    fc.assert(
      fc.property(portable, (ir) => {
        const callerIr = viaDialect(from, ir);
        const providerIr = viaDialect(to, callerIr);
        expect(gist(providerIr)).toEqual(gist(ir));
      }),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Whole responses

const CALLER_MODEL = 'caller-model';
const NOW_MS = 1_700_000_000_000;

const ORIGINS: DialectId[] = ['openai-responses', 'anthropic-messages', 'gemini-generate', 'gemini-interactions'];

/** Reasoning a dialect makes itself, in the shapes it writes. */
const OWN_REASONING: Record<DialectId, fc.Arbitrary<IRReasoningPart> | undefined> = {
  'openai-chat': undefined,
  'openai-responses': fc
    .record({ text: anyText, signature: base64, id: fc.stringMatching(/^rs_[a-z0-9]{4}$/) }, { requiredKeys: ['id'] })
    .map((r) => ({ type: 'reasoning', origin: 'openai-responses', ...r })),
  'anthropic-messages': fc.oneof(
    fc.record({ text: anyText, signature: base64 }, { requiredKeys: ['signature'] }).map((r): IRReasoningPart => ({ type: 'reasoning', origin: 'anthropic-messages', ...r })),
    base64.map((signature): IRReasoningPart => ({ type: 'reasoning', origin: 'anthropic-messages', signature, redacted: true })),
  ),
  'gemini-generate': fc.oneof(
    fc.record({ text: anyText, signature: base64 }, { requiredKeys: ['text'] }).map((r): IRReasoningPart => ({ type: 'reasoning', origin: 'gemini-generate', ...r })),
    base64.map((signature): IRReasoningPart => ({ type: 'reasoning', origin: 'gemini-generate', signature })),
  ),
  'gemini-interactions': fc
    .record({ text: anyText, signature: base64 }, { requiredKeys: [] })
    .map((r): IRReasoningPart => ({ type: 'reasoning', origin: 'gemini-interactions', ...r })),
};

/** Reasoning another provider made, carried through this dialect. */
function foreignReasoning(dialect: DialectId): fc.Arbitrary<IRReasoningPart> {
  return fc
    .record(
      {
        origin: fc.constantFrom(...ORIGINS.filter((o) => o !== dialect)),
        text: anyText,
        signature: base64,
        redacted: fc.constant(true),
        id: fc.stringMatching(/^rs_[a-z0-9]{4}$/),
      },
      { requiredKeys: ['origin'] },
    )
    .map((r) => ({ type: 'reasoning', ...r }));
}

function outputPart(dialect: DialectId, n: number): fc.Arbitrary<IROutputPart> {
  const own = OWN_REASONING[dialect];
  return fc.oneof(
    { weight: 3, arbitrary: textPart },
    { weight: 1, arbitrary: anyText.map((text): IROutputPart => ({ type: 'refusal', text })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ name: fc.constantFrom('alpha', 'beta'), arguments: args, kind: fc.constant('custom' as const), signature: base64 }, { requiredKeys: ['name', 'arguments'] })
        .map((c): IROutputPart => ({ type: 'tool_call', id: `call_${n}`, ...(c.kind ? { ...c, arguments: 'free text input' } : c) })),
    },
    { weight: own ? 1 : 0, arbitrary: own ?? textPart },
    { weight: 1, arbitrary: foreignReasoning(dialect) },
  );
}

function response(dialect: DialectId): fc.Arbitrary<IRResponse> {
  return fc
    .record(
      {
        id: fc.stringMatching(/^[A-Za-z0-9_-]{4,10}$/),
        count: fc.integer({ min: 0, max: 4 }),
        stopReason: fc.constantFrom<StopReason>('end_turn', 'max_tokens', 'tool_use', 'stop_sequence', 'refusal', 'error'),
        input: fc.integer({ min: 0, max: 5000 }),
        cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        writeShare: fc.double({ min: 0, max: 1, noNaN: true }),
        output: fc.integer({ min: 0, max: 5000 }),
        reasoningShare: fc.double({ min: 0, max: 1, noNaN: true }),
        servedTier: fc.constantFrom<ServedTier>('flex', 'standard', 'priority', 'unknown'),
        createdAt: fc.option(fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), { nil: undefined }),
      },
      { requiredKeys: ['id', 'count', 'stopReason', 'input', 'cachedShare', 'writeShare', 'output', 'reasoningShare', 'servedTier'] },
    )
    .chain((r) =>
      fc.tuple(...Array.from({ length: r.count }, (_, n) => outputPart(dialect, n))).map((content): IRResponse => {
        const cached = Math.floor(r.input * r.cachedShare);
        const written = Math.floor((r.input - cached) * r.writeShare);
        return {
          id: r.id,
          model: CALLER_MODEL,
          content,
          stopReason: r.stopReason,
          usage: {
            inputTokens: r.input,
            cachedInputTokens: cached,
            outputTokens: r.output,
            reasoningTokens: Math.floor(r.output * r.reasoningShare),
            ...(written > 0 ? { cacheWriteInputTokens: written } : {}),
          },
          servedTier: r.servedTier,
          ...(r.createdAt !== undefined ? { createdAt: r.createdAt } : {}),
        };
      }),
    );
}

type ResponseCanon = (res: IRResponse) => IRResponse;

const content = (fn: (parts: IROutputPart[]) => IROutputPart[]): ResponseCanon => (res) => ({ ...res, content: fn(res.content) });
const each = (fn: (part: IROutputPart) => IROutputPart[]): ResponseCanon => content((parts) => parts.flatMap(fn));
const refusalText = each((part) => [part.type === 'refusal' ? { type: 'text', text: part.text } : part]);
const customAsInput = each((part) =>
  part.type === 'tool_call' && part.kind === 'custom' ? [{ type: 'tool_call', id: part.id, name: part.name, arguments: JSON.stringify({ input: part.arguments }), ...(part.signature ? { signature: part.signature } : {}) }] : [part],
);
/** Dialects without a slot on the call write Gemini's call signature as reasoning just before it. */
const signatureBeforeCall = each((part) =>
  part.type === 'tool_call' && part.signature !== undefined
    ? [{ type: 'reasoning', origin: 'gemini-generate', signature: part.signature }, { ...part, signature: undefined }]
    : [part],
);
const noCacheWrites: ResponseCanon = (res) => ({ ...res, usage: { ...res.usage, cacheWriteInputTokens: undefined } });
const stampedNow: ResponseCanon = (res) => ({ ...res, createdAt: res.createdAt ?? NOW_MS / 1000 });
const noCreatedAt: ResponseCanon = (res) => ({ ...res, createdAt: undefined });
/** The caller's provider's id prefix (`msg_`, `chatcmpl-`, `resp_`), in place of another's. */
const idPrefix = (prefix: 'msg_' | 'chatcmpl-' | 'resp_'): ResponseCanon => (res) => ({ ...res, id: withIdPrefix(prefix, res.id) });
/** Anthropic has no flex tier: its shape says `standard` for flex. */
const flexAsStandard: ResponseCanon = (res) => (res.servedTier === 'flex' ? { ...res, servedTier: 'standard' } : res);
/** A stop reason the dialect can only tell from whether the answer calls tools. */
const stopFromCalls = (from: StopReason[]): ResponseCanon => (res) =>
  from.includes(res.stopReason) ? { ...res, stopReason: res.content.some((p) => p.type === 'tool_call') ? 'tool_use' : 'end_turn' } : res;
const stopAs = (map: Partial<Record<StopReason, StopReason>>): ResponseCanon => (res) => ({ ...res, stopReason: map[res.stopReason] ?? res.stopReason });

const RESPONSE_CANON: Record<DialectId, ResponseCanon[]> = {
  'openai-chat': [
    content((parts) => {
      const texts = parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));
      const refusals = parts.flatMap((p) => (p.type === 'refusal' ? [p.text] : []));
      return [
        ...(texts.length > 0 ? [{ type: 'text' as const, text: texts.join('') }] : []),
        ...(refusals.length > 0 ? [{ type: 'refusal' as const, text: refusals.join('') }] : []),
        ...parts.flatMap((p) => (p.type === 'tool_call' ? [{ ...p, signature: undefined }] : [])),
      ];
    }),
    (res) => (res.stopReason === 'refusal' && res.content.some((p) => p.type === 'refusal') ? { ...res, stopReason: 'end_turn' } : res),
    stopAs({ stop_sequence: 'end_turn', error: 'end_turn' }),
    noCacheWrites,
    stampedNow,
    idPrefix('chatcmpl-'),
  ],
  'openai-responses': [
    signatureBeforeCall,
    (res) => (res.stopReason === 'refusal' && res.content.some((p) => p.type === 'refusal') ? { ...res, stopReason: 'end_turn' } : res),
    stopFromCalls(['end_turn', 'tool_use', 'stop_sequence']),
    noCacheWrites,
    stampedNow,
    idPrefix('resp_'),
  ],
  'anthropic-messages': [
    refusalText,
    customAsInput,
    signatureBeforeCall,
    stopAs({ error: 'end_turn' }),
    noCreatedAt,
    (res) => (res.usage.cacheWriteInputTokens ? res : noCacheWrites(res)),
    idPrefix('msg_'),
    flexAsStandard,
  ],
  'gemini-generate': [
    refusalText,
    customAsInput,
    content((parts) =>
      parts.flatMap((part, j) => {
        const next = parts[j + 1];
        if (part.type === 'reasoning' && part.text === undefined && next?.type === 'tool_call' && next.signature === undefined) return [];
        const previous = parts[j - 1];
        if (part.type === 'tool_call' && part.signature === undefined && previous?.type === 'reasoning' && previous.text === undefined) {
          return [{ ...part, signature: reasoningSlot(previous, 'gemini-generate') }];
        }
        return [part];
      }),
    ),
    // A Gemini-made signature-only reasoning part without a token writes nothing.
    each((part) => (part.type === 'reasoning' && part.origin === 'gemini-generate' && part.text === undefined && part.signature === undefined ? [] : [part])),
    stopFromCalls(['end_turn', 'tool_use', 'stop_sequence']),
    noCacheWrites,
  ],
  'gemini-interactions': [
    refusalText,
    customAsInput,
    signatureBeforeCall,
    stopFromCalls(['end_turn', 'stop_sequence', 'refusal']),
    noCacheWrites,
    stampedNow,
  ],
};

function canonicalResponse(dialect: DialectId, res: IRResponse): IRResponse {
  // A Chat caller sees no reasoning at all.
  const start = dialect === 'openai-chat' ? { ...res, content: res.content.filter((p) => p.type !== 'reasoning') } : res;
  return dropUnset(RESPONSE_CANON[dialect].reduce((acc, step) => step(acc), start) as unknown as IRRequest) as unknown as IRResponse;
}

describe.each(DIALECTS)('%s response codec', (dialect) => {
  it('IR → dialect → IR keeps the answer, stop reason, usage and tier the dialect carries', () => {
    fc.assert(
      fc.property(response(dialect), (res) => {
        const ctx = { callerModel: CALLER_MODEL, now: () => NOW_MS };
        const back = codecs[dialect].decodeResponse(codecs[dialect].encodeResponse(res, ctx));
        expect(dropUnset(back as unknown as IRRequest)).toEqual(canonicalResponse(dialect, res));
        expect(codecs[dialect].readServedTier(codecs[dialect].encodeResponse(res, ctx))).toBe(canonicalResponse(dialect, res).servedTier);
      }),
      RUNS,
    );
  });
});

describe('reasoning across dialects', () => {
  it('every effort word survives the trip through its thinking budget', () => {
    fc.assert(
      fc.property(fc.constantFrom<IREffort>('minimal', 'low', 'medium', 'high', 'xhigh', 'max'), (effort) => {
        expect(effortForBudget(budgetForEffort(effort))).toBe(effort);
      }),
    );
  });

  it('a budget maps to the smallest effort whose budget covers it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (budget) => {
        const effort = effortForBudget(budget);
        expect(effort === 'max' || budgetForEffort(effort) >= budget).toBe(true);
      }),
    );
  });

  it('another provider\'s reasoning comes back unchanged through any dialect\'s opaque slot', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORIGINS),
        fc.constantFrom(...ORIGINS),
        fc.record({ signature: fc.string(), id: fc.string(), redacted: fc.constant(true) }, { requiredKeys: [] }),
        fc.option(anyText, { nil: undefined }),
        (origin, slot, token, text) => {
          fc.pre(origin !== slot);
          const part: IRReasoningPart = { type: 'reasoning', origin, ...token, ...(text ? { text } : {}) };
          expect(reasoningFromSlot(reasoningSlot(part, slot), slot, text)).toEqual(part);
        },
      ),
    );
  });

  it('a dialect\'s own token is read as its own', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORIGINS), fc.string(), (own, token) => {
        fc.pre(!token.startsWith('flexroute:v1:'));
        expect(reasoningFromSlot(token, own, undefined)).toEqual({ type: 'reasoning', origin: own, signature: token });
      }),
    );
  });
});
