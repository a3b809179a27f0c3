import { readFileSync } from 'node:fs';

/**
 * The package version. `src/cli/*.ts` and the built `dist/cli/main.js` both sit two folders
 * below the package root, so the same relative path works from source and from the build.
 */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
