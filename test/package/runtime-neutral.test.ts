import { build, type Message } from 'esbuild';
import { describe, expect, it } from 'vitest';

// SPEC §2: the core and the router use Web-standard APIs only, so they run on Bun, Deno and
// Cloudflare Workers. esbuild's 'neutral' platform knows no Node builtins: bundling an entry
// for it fails on the first `node:*` (or bare `http`, `stream`…) import anywhere in its graph,
// including inside its dependencies.
async function bundleNeutral(entry: string): Promise<{ errors: Message[]; packages: string[]; bytes: number }> {
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['worker', 'browser'],
      metafile: true,
      logLevel: 'silent',
    });
    const packages = new Set<string>();
    for (const input of Object.keys(result.metafile.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      if (match) packages.add(match[1]!);
    }
    return { errors: [], packages: [...packages].sort(), bytes: result.outputFiles[0]!.contents.byteLength };
  } catch (err) {
    return { errors: (err as { errors: Message[] }).errors, packages: [], bytes: 0 };
  }
}

describe('runtime-neutral entries', () => {
  it.each(['src/core.ts', 'src/router.ts', 'src/dialects.ts', 'src/client/index.ts'])('%s bundles without any Node builtin', async (entry) => {
    const { errors, packages } = await bundleNeutral(entry);
    expect(errors.map((e) => e.text)).toEqual([]);
    // Only dependencies that are themselves runtime-neutral.
    for (const name of packages) expect(['zod', 'eventsource-parser']).toContain(name);
  });

  it('the core is tree-shakable: one function brings only what it uses', async () => {
    const result = await build({
      stdin: { contents: "export { parseStartWithin } from './src/core.ts';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    // Files that contributed code to the bundle (the graph is parsed whole, then shaken).
    const output = Object.values(result.metafile.outputs)[0]!;
    const inputs = Object.entries(output.inputs)
      .filter(([, info]) => info.bytesInOutput > 0)
      .map(([file]) => file);
    expect(inputs).toContain('src/core/deadline.ts');
    for (const unused of ['src/core/race.ts', 'src/core/commit/relay.ts', 'src/core/catalog/prices.ts', 'src/core/fake-clock.ts']) {
      expect(inputs).not.toContain(unused);
    }
    expect(inputs.some((i) => i.includes('node_modules'))).toBe(false);
  });

  it('the check does catch a Node-only entry', async () => {
    const { errors } = await bundleNeutral('src/node.ts');
    expect(errors.map((e) => e.text).join('\n')).toMatch(/node:|undici/);
  });
});
