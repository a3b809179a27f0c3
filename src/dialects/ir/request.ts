/**
 * The internal representation (IR) of a request: what every wire dialect's request means, in one
 * shape. Decoders build it from a caller's body, encoders write it in a provider's dialect.
 *
 * Conventions decoders follow (so that round trips are exact):
 * - `system` holds the instructions that come before the conversation; a system/developer
 *   message in the middle of the conversation stays in `messages` with role `system`.
 * - Consecutive tool results form one `tool` message; an assistant turn that the wire splits into
 *   items (OpenAI Responses, Interactions steps) is one `assistant` message.
 * - Empty text parts are left out.
 * - Tool-call `arguments` are JSON text, as OpenAI sends them.
 */
import type { DialectId } from '../../core/types.js';
import type { JsonObject } from './json.js';

/** IR path (`messages.3.content.1`, `tools.0`, `temperature`) → caller path (`input.5.content.1`). */
export type SourcePaths = Record<string, string>;

/** A plain JSON object (a schema, tool arguments, metadata); see `json.ts`. */
export type { JsonObject };

/** Plain text. */
export interface IRTextPart {
  type: 'text';
  text: string;
}

/** Where an image comes from. `mediaType` on a URL is known only when the wire said it. */
export type IRImageSource =
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'base64'; mediaType: string; data: string };

/** An image the model should look at. `detail` is OpenAI's resolution hint. */
export interface IRImagePart {
  type: 'image';
  source: IRImageSource;
  detail?: 'auto' | 'low' | 'high';
}

/**
 * The model calling a tool. `arguments` is JSON text (free text for OpenAI custom tools, `kind:
 * 'custom'`). `signature` is Gemini's `thoughtSignature` on the function-call part, which Gemini
 * wants back verbatim on the next turn.
 */
export interface IRToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  arguments: string;
  kind?: 'function' | 'custom';
  signature?: string;
}

/** What a tool returned for the call `callId`. */
export interface IRToolResultPart {
  type: 'tool_result';
  callId: string;
  /** The tool's name, when the wire carries it (Gemini needs it and finds it otherwise). */
  name?: string;
  content: string | Array<IRTextPart | IRImagePart>;
  isError?: boolean;
}

/**
 * The model's reasoning from an earlier turn: a visible trace or summary (`text`) and/or an opaque
 * token (`signature`: Anthropic thinking signature or redacted-thinking data, OpenAI
 * `encrypted_content`, Gemini `thoughtSignature`, Interactions thought `signature`). Only the
 * dialect named by `origin` can make sense of it.
 */
export interface IRReasoningPart {
  type: 'reasoning';
  origin: DialectId;
  text?: string;
  signature?: string;
  /** Anthropic `redacted_thinking`: `signature` holds its `data`. */
  redacted?: boolean;
  /** OpenAI reasoning item id (`rs_…`), sent back with the item. */
  id?: string;
}

/** A refusal the assistant gave (OpenAI's separate refusal channel). */
export interface IRRefusalPart {
  type: 'refusal';
  text: string;
}

/** Any part of a message. Which parts a role may hold is listed on {@link IRMessage}. */
export type IRPart = IRTextPart | IRImagePart | IRToolCallPart | IRToolResultPart | IRReasoningPart | IRRefusalPart;

/**
 * One turn of the conversation.
 * - `system`: text (a system/developer message in mid-conversation; leading ones go to
 *   {@link IRRequest.system});
 * - `user`: text, image;
 * - `assistant`: text, refusal, reasoning, tool_call;
 * - `tool`: tool_result.
 */
export interface IRMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: IRPart[];
}

/** A function the model may call. `parameters` is a JSON Schema object. */
export interface IRTool {
  name: string;
  description?: string;
  parameters?: JsonObject;
  /** OpenAI / Anthropic strict schema adherence. */
  strict?: boolean;
}

/** Whether and which tool the model must call. */
export type IRToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** The provider's own web search (OpenAI `web_search`, Gemini `google_search`, Anthropic `web_search`). */
export interface IRWebSearch {
  contextSize?: 'low' | 'medium' | 'high';
  userLocation?: { city?: string; region?: string; country?: string; timezone?: string };
  allowedDomains?: string[];
  blockedDomains?: string[];
  maxUses?: number;
}

/** Structured output: JSON that follows `schema`, or any JSON object. */
export type IRResponseFormat =
  | { type: 'json_schema'; name?: string; description?: string; schema: JsonObject; strict?: boolean }
  | { type: 'json_object' };

/** How hard to think, from none to max, in OpenAI's words plus Anthropic's `max`. */
export type IREffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * Reasoning settings. An empty object means "think, at the provider's default depth".
 * `effort` and `budgetTokens` are two ways to say the depth; encoders convert between them with
 * the table in `reasoning.ts`. `adaptive` is Anthropic's "model decides" thinking mode.
 */
export interface IRReasoningConfig {
  effort?: IREffort;
  budgetTokens?: number;
  summary?: 'auto' | 'concise' | 'detailed' | 'none';
  adaptive?: boolean;
}

/**
 * A request, independent of wire dialect.
 *
 * @example
 * ```ts
 * const ir: IRRequest = {
 *   model: 'gemini-2.5-flash',
 *   system: [{ type: 'text', text: 'Be brief.' }],
 *   messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }],
 *   maxOutputTokens: 256,
 *   stream: false,
 * };
 * ```
 */
export interface IRRequest {
  model: string;
  /** Instructions before the conversation, one entry per block the caller sent. */
  system?: IRTextPart[];
  messages: IRMessage[];
  tools?: IRTool[];
  toolChoice?: IRToolChoice;
  parallelToolCalls?: boolean;
  webSearch?: IRWebSearch;
  responseFormat?: IRResponseFormat;
  reasoning?: IRReasoningConfig;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  /** OpenAI's answer-length hint. */
  verbosity?: 'low' | 'medium' | 'high';
  /** Caller tags (OpenAI `metadata`, Interactions `labels`); advisory, see the codecs. */
  metadata?: Record<string, string>;
  stream: boolean;
  /**
   * Where each IR field came from in the caller's body (IR path → caller path), so an encoder
   * that cannot carry a field names it the way the caller wrote it. Not part of the meaning.
   */
  sourcePaths?: SourcePaths;
  /** The dialect the request was decoded from (error examples are written in it). */
  sourceDialect?: DialectId;
}

/** What a request encoder needs besides the IR. */
export interface RequestEncodeContext {
  /** The provider's own tier word to request (`flex`, `default`, `standard_only`, …); omitted when undefined. */
  tier?: string;
  /** Whether to ask the provider for a stream. */
  stream: boolean;
}
