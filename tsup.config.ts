import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: one entry per `exports` subpath (package.json), ESM first, with a CJS build
    // and types for both. Shared code goes to chunks in both formats, so `flexroute` and
    // `flexroute/core` hand out the same classes (`instanceof RouterError` holds across them).
    entry: {
      index: 'src/index.ts',
      core: 'src/core.ts',
      router: 'src/router.ts',
      dialects: 'src/dialects.ts',
      node: 'src/node.ts',
      client: 'src/client/index.ts',
      simulator: 'src/simulator/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'node20',
  },
  {
    // The command line: ESM only, with its shebang kept. Its own folder, chunks included, so
    // every CLI file sits two folders below package.json (src/cli/version.ts relies on it).
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
  },
]);
