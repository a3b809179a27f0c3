/**
 * The benchmark matrix as data: four targets, whole and streaming, at 1 and 32 connections.
 * Every target sends the same Responses request; only where it goes and how the tier is asked
 * for differ. A preflight check per cell makes sure the path measured is the path named.
 */
import type { LoadRequest } from './load.js';

/** The key every bench request carries: the simulator does not check it. */
export const BENCH_KEY = 'sk-bench-not-a-real-key';

/** What is being measured. */
export type TargetId = 'direct' | 'bare' | 'router' | 'race';
export type Mode = 'whole' | 'stream';

/** Where a target's requests go. */
export type Origin = 'simulator' | 'bare' | 'router';

export interface Target {
  id: TargetId;
  label: string;
  origin: Origin;
  /** Body fields that pick the tier: `service_tier` straight to the simulator, `start_within` through the router. */
  tierFields: Record<string, string>;
  /** Response headers that prove the request took the intended path. */
  expectHeaders: Record<string, string>;
}

export const TARGETS: readonly Target[] = [
  { id: 'direct', label: 'simulator, direct', origin: 'simulator', tierFields: { service_tier: 'default' }, expectHeaders: {} },
  { id: 'bare', label: 'bare proxy', origin: 'bare', tierFields: { service_tier: 'default' }, expectHeaders: {} },
  {
    id: 'router',
    label: 'router, "default"',
    origin: 'router',
    tierFields: { start_within: 'default' },
    expectHeaders: { 'x-flexroute-tier': 'default', 'x-flexroute-race': 'none' },
  },
  {
    id: 'race',
    label: 'router, race (flex commits at once)',
    origin: 'router',
    tierFields: { start_within: '00h-00m-05s' },
    expectHeaders: { 'x-flexroute-tier': 'flex', 'x-flexroute-race': 'committed' },
  },
];

export const MODES: readonly Mode[] = ['whole', 'stream'];
export const CONNECTIONS: readonly number[] = [1, 32];

/** The request a target sends in a mode. */
export function requestFor(target: Target, mode: Mode): LoadRequest {
  const body = { model: 'gpt-5-mini', input: 'Write a haiku about latency.', ...target.tierFields, ...(mode === 'stream' ? { stream: true } : {}) };
  return {
    path: '/v1/responses',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` },
  };
}
