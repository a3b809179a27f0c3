/**
 * A per-principal daily budget: `authenticate` names the team, `onEvent` adds up what each team
 * spent today, and a `use` step refuses with `402 daily_budget_exceeded` once the budget is spent.
 * Run: npx tsx examples/daily-budget.ts
 */
import { createRouter, requestRefused, type RouteStep } from '../src/index.js'; // in your app: 'flexroute/router'
import { openaiUpstream } from './upstream.js';

const TEAMS: Record<string, string> = { 'router-key-team-a': 'team-a' };
const BUDGET_USD: Record<string, number> = { 'team-a': 0.00001 };

/** Spend per principal and UTC day: `team-a 2026-12-08` → USD. */
const spent = new Map<string, number>();
const today = () => new Date().toISOString().slice(0, 10);

const dailyBudget: RouteStep = async function dailyBudget(ctx, next) {
  const team = String(ctx.principal);
  const used = spent.get(`${team} ${today()}`) ?? 0;
  const budget = BUDGET_USD[team] ?? 0;
  if (used >= budget) {
    throw requestRefused({
      code: 'daily_budget_exceeded',
      status: 402,
      what: `${team} has spent its daily budget ($${used.toFixed(6)} of $${budget.toFixed(6)}).`,
      why: 'This router caps what each team spends per UTC day.',
      fix: 'Try again tomorrow, or ask the operator to raise the budget.',
      format: ctx.caller,
      headers: { 'retry-after': '3600' },
    });
  }
  return next();
};

const upstream = await openaiUpstream();
const router = createRouter({
  upstreams: { openai: upstream.openai },
  keys: { openai: upstream.key },
  authenticate: (req) => TEAMS[req.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''],
  use: [dailyBudget],
  // Each routed request's cost, once its body is delivered, added to its sender's day.
  onEvent: (event, { principal }) => {
    if (event.outcome !== 'routed' || event.costUsd === undefined) return;
    const key = `${String(principal)} ${today()}`;
    spent.set(key, (spent.get(key) ?? 0) + event.costUsd);
  },
});

for (let i = 1; i <= 2; i++) {
  const res = await router(
    new Request('http://router.local/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer router-key-team-a' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'Summarise the news.', start_within: 'default' }),
    }),
  );
  const body = (await res.json()) as { error?: { code: string } };
  console.log(`request ${i}: ${res.status} ${body.error?.code ?? `served on ${res.headers.get('x-flexroute-tier')}`}`);
}
await upstream.close();
