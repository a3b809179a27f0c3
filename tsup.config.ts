import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM first, with a CJS build and types for both.
    entry: { index: 'src/index.ts', 'simulator/index': 'src/simulator/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'node20',
  },
  {
    // The command line: ESM only, with its shebang kept.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
  },
]);
