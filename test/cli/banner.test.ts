import { describe, expect, it } from 'vitest';
import { formatBanner } from '../../src/cli/serve/banner.js';
import { formatRouteEvent } from '../../src/cli/serve/request-log.js';
import type { RouteEvent, RoutedEvent } from '../../src/middleware/events/route-event.js';

describe('serve banner', () => {
  const banner = formatBanner({
    version: '1.2.3',
    endpointBase: 'http://127.0.0.1:8080/llm/v1',
    drainTimeoutMs: 30_000,
    providers: [
      { provider: 'openai', keyVariable: 'OPENAI_API_KEY', hasServerKey: true, upstream: 'https://proxy-user:s3cret-pass@gateway.example/v1' },
      { provider: 'anthropic', keyVariable: 'ANTHROPIC_API_KEY', hasServerKey: false, upstream: 'https://api.anthropic.com' },
    ],
  });

  it('says where it listens and, per provider, where keys come from', () => {
    expect(banner).toContain('flexroute 1.2.3 listening on http://127.0.0.1:8080/llm/v1');
    expect(banner).toMatch(/openai\s+key from OPENAI_API_KEY/);
    expect(banner).toMatch(/anthropic\s+no ANTHROPIC_API_KEY: callers' own keys are passed through; upstream https:\/\/api\.anthropic\.com/);
    expect(banner).toContain('up to 30 s');
  });

  it('never prints credentials embedded in an upstream URL', () => {
    expect(banner).toContain('upstream https://gateway.example/v1');
    expect(banner).not.toContain('s3cret-pass');
    expect(banner).not.toContain('proxy-user');
  });
});

describe('request log line', () => {
  const event: RoutedEvent = {
    outcome: 'routed',
    method: 'POST',
    path: '/v1/responses',
    model: 'gpt-5-mini',
    provider: 'openai',
    callerFormat: 'openai-responses',
    upstreamDialect: 'openai-responses',
    plan: 'race',
    windowMs: 5_000,
    servedTier: 'default',
    race: 'fallback:timeout',
    flexWaitMs: 5_000.4,
    status: 200,
    timeToHeadersMs: 5_212.7,
    durationMs: 6_020.2,
  };

  it('shows status, format, model, tier, race outcome, timing and savings', () => {
    expect(formatRouteEvent(event)).toBe('200 openai-responses gpt-5-mini → default (fallback, timeout after 5000 ms) headers 5213 ms, done 6020 ms');
    expect(formatRouteEvent({ ...event, plan: 'direct', race: 'none', servedTier: 'priority', flexWaitMs: 0 })).toBe(
      '200 openai-responses gpt-5-mini → priority headers 5213 ms, done 6020 ms',
    );
    expect(formatRouteEvent({ ...event, servedTier: 'flex', race: 'committed', flexWaitMs: 312, savingsUsd: 0.000123 })).toBe(
      '200 openai-responses gpt-5-mini → flex (committed after 312 ms) headers 5213 ms, done 6020 ms, saved $0.000123',
    );
  });

  it('shows a refused request with its status, format, path and code, and bounds a long path', () => {
    const refused: RouteEvent = { outcome: 'refused', status: 402, method: 'POST', path: '/v1/responses', code: 'payment_required', callerFormat: 'openai-responses', model: 'gpt-5-mini', timeToHeadersMs: 1.2, durationMs: 1.2 };
    expect(formatRouteEvent(refused)).toBe('402 openai-responses POST /v1/responses gpt-5-mini refused payment_required after 1 ms');
    expect(formatRouteEvent({ outcome: 'refused', status: 404, method: 'GET', path: `/${'x'.repeat(500)}`, code: 'not_found', timeToHeadersMs: 0, durationMs: 0 })).toMatch(/^404 - GET \/x{119}… refused not_found after 0 ms$/);
  });
});
