/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench -- --cpu-prof`): self time by function and
 * by source area (router, core, hosts, undici, node internals, GC, idle), so the hot spots read
 * at a glance.
 *
 *   npx tsx bench/profile-summary.ts bench/profiles/CPU.….cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/report/table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Source areas, first match wins. */
const AREAS: readonly (readonly [RegExp, string])[] = [
  [/\/src\/router\//, 'flexroute router'],
  [/\/src\/hosts\//, 'flexroute hosts'],
  [/\/src\/core\//, 'flexroute core'],
  [/\/src\/(dialects|providers|sse)\//, 'flexroute dialects/providers/sse'],
  [/\/src\/simulator\//, 'simulator'],
  [/node_modules\/undici\//, 'undici (npm)'],
  [/node_modules\//, 'other npm'],
  [/^node:internal\/deps\/undici/, 'undici (Node built-in: Request/Response/fetch, web streams)'],
  [/^node:internal\/webstreams/, 'web streams (Node built-in)'],
  [/^node:/, 'node internals'],
];

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
}

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'program (native, outside JS)';
  if (!url) return `native: ${functionName || '(anonymous)'}`;
  return AREAS.find(([pattern]) => pattern.test(url))?.[1] ?? 'other';
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true, strict: true });
  const [file] = positionals;
  if (!file) throw new Error('Usage: profile-summary.ts <file.cpuprofile> [--top 25]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const busy = total - idle;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    areas.set(areaOf(node), (areas.get(areaOf(node)) ?? 0) + us);
    const key = functionKey(node);
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = functionKey(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const share = (us: number) => `${((us / busy) * 100).toFixed(1)} %`;
  const rows = (map: Map<string, number>, top: number) =>
    [...map].filter(([name]) => !name.startsWith('idle') && !name.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => [name, (us / 1000).toFixed(0), share(us)]);

  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)\n\n`);
  process.stdout.write(`${formatTable(['area', 'self ms', 'share'], rows(areas, 50), ['left', 'right', 'right'])}\n\n`);
  process.stdout.write(`${formatTable(['function', 'self ms', 'share'], rows(functions, Number(values.top)), ['left', 'right', 'right'])}\n\n`);
  const skip = /^\((root|program|idle)\)/;
  const inclusiveRows = rows(new Map([...inclusive].filter(([name]) => !skip.test(name))), Number(values.top));
  process.stdout.write(`${formatTable(['function (inclusive: itself and what it calls)', 'total ms', 'share'], inclusiveRows, ['left', 'right', 'right'])}\n`);
}

main();
