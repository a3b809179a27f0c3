/**
 * The contract between the dialect-free commit machinery (detector, relay) and each wire dialect.
 * A dialect says what its events mean; the machinery decides when to commit, when a relayed
 * stream is complete, and where to put a failure frame.
 */
import type { SseEvent } from '../../sse/events.js';
import type { DialectId } from '../types.js';

/**
 * What one upstream event means to the flex race (SPEC §4 start-evidence table):
 * - `bookkeeping`: not evidence of generation (`response.created`, a role-only chat chunk);
 * - `start`: proves generation started, so the detector commits;
 * - `error`: an in-band failure (`error`, `response.failed`, a chat chunk with `error`);
 * - `end`: a terminal marker (`data: [DONE]`, `response.completed`); before commit it means the
 *   stream ended without starting.
 */
export type EventClass = 'bookkeeping' | 'start' | 'error' | 'end';

/** Classifies events for {@link detectCommit}. Must not throw; unreadable events are `error`. */
export interface CommitRules {
  classify(event: SseEvent): EventClass;
}

/** Why a committed stream failed while the relay was forwarding it (SPEC §4 step 7). */
export type RelayFailureKind = 'network' | 'stall' | 'ended_early';

/** A failure the relay reports to {@link DialectStream.failureFrame}. */
export interface RelayFailure {
  kind: RelayFailureKind;
  /** Why, in one sentence, for the "why" part of the `flex_failed_after_start` message. */
  message: string;
  /** The last whole event forwarded, when the relay was parsing events (sequence numbers etc.). */
  lastEvent?: SseEvent;
}

/** Facts a failure frame can reuse so it matches the stream it ends. All optional. */
export interface FailureContext {
  /** Events held before commit (`CommitOutcome.heldEvents`): ids, model, created time. */
  heldEvents?: readonly SseEvent[];
  /** The model the request named, used when no held event says. */
  model?: string;
}

/**
 * A whole response assembled from a stream, for a non-streaming caller (SPEC §4.3).
 * `ok: false` means the caller gets `502 flex_failed_after_start`; `message` is the reason, ready
 * for that error's `detail`, and `upstream` the provider's own error object when it sent one.
 */
export type Assembly =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; reason: 'error_event' | 'ended_early'; message: string; upstream?: unknown };

/**
 * Everything the router needs to race, relay and assemble one streaming wire dialect.
 *
 * @example
 * ```ts
 * const outcome = await detectCommit(upstream.body!, openaiChatStream.rules, { signal });
 * if (outcome.type === 'committed') {
 *   const body = relayCommitted(outcome.stream, {
 *     isTerminal: openaiChatStream.isTerminal,
 *     failureFrame: (failure) => openaiChatStream.failureFrame(failure, { heldEvents: outcome.heldEvents }),
 *     idleTimeoutMs: 60_000,
 *   });
 * }
 * ```
 */
export interface DialectStream {
  readonly dialect: DialectId;
  /** Start evidence for the commit detector. */
  readonly rules: CommitRules;
  /**
   * True for an event after which a stream is properly finished (`[DONE]`, `response.completed`,
   * also in-band errors: the client has its answer and needs no failure frame after them).
   */
  isTerminal(event: SseEvent): boolean;
  /** The terminal failure event in this dialect, whole SSE frame bytes, `flex_failed_after_start`. */
  failureFrame(failure: RelayFailure, context?: FailureContext): Uint8Array;
  /** Builds the non-streaming body from the events of a whole stream (stops at the first terminal event). */
  assemble(events: Iterable<SseEvent>): Assembly;
}
