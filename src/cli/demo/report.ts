/** The demo's printed report: a few small tables from a {@link DemoSummary}. */
import { formatTable } from '../report/table.js';
import { formatMs } from '../report/stats.js';
import type { DemoSummary } from './summary.js';

/** Explains each race outcome in a few words, for the table. */
const RACE_MEANING: Readonly<Record<string, string>> = {
  committed: 'flex started in time: served at flex price',
  'fallback:timeout': 'flex had not started when the window closed',
  'fallback:status_429': 'flex answered 429 (no capacity): moved up at once',
  'fallback:status_5xx': 'flex answered 5xx: moved up at once',
  'fallback:network': 'flex connection failed: moved up at once',
  'fallback:error_event': 'flex sent an error before starting: moved up at once',
  'fallback:ended_early': 'flex stream ended before starting: moved up at once',
  passthrough: 'flex refused the request (4xx): relayed as is',
};

/** The report text, ending in a newline. */
export function formatReport(summary: DemoSummary): string {
  const share = (count: number) => `${Math.round((count / Math.max(1, summary.total)) * 100)} %`;
  const tiers = formatTable(
    ['served tier (x-flexroute-tier)', 'requests', 'share'],
    summary.byTier.map(([tier, count]) => [tier, String(count), share(count)]),
    ['left', 'right', 'right'],
  );
  const races = formatTable(
    ['race outcome (x-flexroute-race)', 'requests', 'median flex wait ms', 'meaning'],
    summary.byRace.map(({ race, count, medianFlexWaitMs }) => [race, String(count), Number.isNaN(medianFlexWaitMs) ? '-' : String(Math.round(medianFlexWaitMs)), RACE_MEANING[race] ?? '']),
    ['left', 'right', 'right', 'left'],
  );
  const latency = formatTable(
    ['time to first token, ms', 'routed p50', 'routed p95', 'all-default p50', 'all-default p95'],
    summary.latency.map((row) => [
      row.mode === 'streaming' ? `streaming (first delta, n=${row.routed.count})` : `whole (full answer, n=${row.routed.count})`,
      formatMs(row.routed.p50),
      formatMs(row.routed.p95),
      formatMs(row.baseline.p50),
      formatMs(row.baseline.p95),
    ]),
    ['left', 'right', 'right', 'right', 'right'],
  );
  const { routedUsd, allStandardUsd, savedUsd, baselineRunUsd } = summary.cost;
  const percentSaved = allStandardUsd > 0 ? ` (${((savedUsd / allStandardUsd) * 100).toFixed(1)} %)` : '';
  const cost = formatTable(
    ['cost at list prices', 'USD'],
    [
      ['routed (flex where it started in time)', usd(routedUsd)],
      ['same tokens, all on standard', usd(allStandardUsd)],
      ['saved', `${usd(savedUsd)}${percentSaved}`],
      // The baseline run's own tokens cost the same as the routed run's on standard unless the
      // two runs generated different amounts; only then is the row worth its space.
      ...(Math.abs(baselineRunUsd - allStandardUsd) > 1e-9 ? [['baseline run (all "default", its own tokens)', usd(baselineRunUsd)]] : []),
    ],
    ['left', 'right'],
  );
  const sections = [headline(summary), tiers, races, latency, latencyNote(summary), cost];
  if (summary.errors.length > 0) {
    sections.push(formatTable(['failed requests', 'count'], summary.errors.map(([message, count]) => [message, String(count)]), ['left', 'right']));
  }
  return `${sections.join('\n\n')}\n`;
}

/** One sentence with the outcome that matters. */
function headline(summary: DemoSummary): string {
  const raced = summary.byRace.reduce((sum, row) => sum + row.count, 0);
  const committed = summary.byRace.find((row) => row.race === 'committed')?.count ?? 0;
  const timedOut = summary.byRace.find((row) => row.race === 'fallback:timeout')?.count ?? 0;
  const refused = raced - committed - timedOut;
  const failed = summary.failed > 0 ? ` ${summary.failed} request(s) failed (listed below).` : ' Every request completed.';
  return (
    `${raced} of ${summary.total} requests could wait and raced for flex: ${committed} started on flex in time, ` +
    `${timedOut} moved up to standard when their window closed, and ${refused} moved up at once when flex refused.${failed}`
  );
}

/** Why the streaming tail is long: the price of waiting on flex, and how to choose a window. */
function latencyNote(summary: DemoSummary): string {
  const timedOut = summary.byRace.find((row) => row.race === 'fallback:timeout');
  if (!timedOut) return 'No window ran out: every raced request started on flex or moved up at once.';
  return (
    `The long routed p95 is the price of waiting on flex: ${timedOut.count} request(s) waited out their whole window ` +
    `(median ${Math.round(timedOut.medianFlexWaitMs)} ms) before moving up to standard. A shorter start_within bounds that ` +
    'wait and saves less; a longer one saves more and may wait longer. Try another with --window, e.g. --window 00h-00m-30s.'
  );
}

function usd(value: number): string {
  return `$${value.toFixed(6)}`;
}
