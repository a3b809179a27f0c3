/**
 * flexroute/dialects: each wire dialect as one object, for builders of other routers. A dialect
 * carries its field facts (input field, token cap, tier field, where a response reports the
 * served tier, model-id prefix), its request and response codecs to and from flexroute's
 * internal representation, its stream rules (start evidence for the commit detector, terminal
 * events, the failure frame, assembly of a whole answer) and its stream decoder and encoder.
 * Web-standard APIs only.
 *
 * @example
 * ```ts
 * import { detectCommit } from 'flexroute/core';
 * import { openaiResponses } from 'flexroute/dialects';
 *
 * const outcome = await detectCommit(upstream.body!, openaiResponses.stream.rules, { signal });
 * // 'committed' on the first response.output_item.added or *.delta, as the router does
 * ```
 *
 * @packageDocumentation
 */
export { dialects, callerDialects, openaiResponses, openaiChat, anthropicMessages, geminiGenerate, geminiInteractions } from './dialects/index.js';
export type { WireDialect, CallerDialect } from './dialects/dialect.js';
export type { DialectFacts } from './dialects/ir/facts.js';
export type { DialectCodec, JsonBody } from './dialects/codecs.js';
export { translateStream } from './dialects/stream-translate.js';
export { translateRequest, translateResponse } from './dialects/codecs.js';
export { outputText, interactionOutputText, messageOutputText } from './dialects/output-text.js';
// The internal representation every translation goes through.
export type {
  IREffort,
  IRImagePart,
  IRImageSource,
  IRMessage,
  IRPart,
  IRReasoningConfig,
  IRReasoningPart,
  IRRefusalPart,
  IRRequest,
  IRResponseFormat,
  IRTextPart,
  IRTool,
  IRToolCallPart,
  IRToolChoice,
  IRToolResultPart,
  IRWebSearch,
  RequestEncodeContext,
  SourcePaths,
} from './dialects/ir/request.js';
export type { IROutputPart, IRResponse, ResponseEncodeContext } from './dialects/ir/response.js';
export type {
  IRBlockEndEvent,
  IREmit,
  IRErrorEvent,
  IRFinishEvent,
  IRReasoningDeltaEvent,
  IRReasoningSignatureEvent,
  IRStartEvent,
  IRStreamEvent,
  IRTextDeltaEvent,
  IRToolCallDeltaEvent,
  IRToolCallStartEvent,
  IRUsageEvent,
  StreamDecoder,
  StreamEncodeContext,
  StreamEncoder,
} from './dialects/ir/stream.js';
export type { IRUsage, ServedTier, StopReason } from './dialects/ir/common.js';
export type { JsonObject } from './dialects/ir/json.js';
