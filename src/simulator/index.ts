/**
 * The flexroute simulator: a loopback server speaking the providers' real wire formats (OpenAI
 * Responses and Chat Completions, Anthropic Messages, Gemini generateContent and Interactions,
 * streaming and not) with tier pools whose behaviour is set by knobs. See docs/simulator.md.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'flexroute/simulator';
 * const sim = await startSimulator({ seed: 1, pools: { flex: { rate429: 1 } } });
 * // point a client at sim.openaiBaseUrl, sim.anthropicBaseUrl or sim.geminiBaseUrl …
 * await sim.close();
 * ```
 *
 * @packageDocumentation
 */
export { startSimulator } from './server.js';
export { expectedText, DEFAULT_OUTPUT_TOKENS, type ExpectedTextOptions } from './text.js';
export { poolForTier, reportedTier } from './tiers.js';
export { realisticPools, SIMULATOR_PRESETS } from './presets.js';
export { SIMULATED_MODELS } from './models.js';
export type {
  CountSpec,
  DelaySpec,
  PoolKnobs,
  PoolName,
  PoolSet,
  PoolState,
  ReplaySet,
  ReplayTranscript,
  ScriptedBehavior,
  ScriptedOutcome,
  SimOutcome,
  SimRequest,
  Simulator,
  SimulatorOptions,
} from './types.js';
