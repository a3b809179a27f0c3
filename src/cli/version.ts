import { readFileSync } from 'node:fs';

/**
 * The package version, from the nearest `package.json` named `flexroute` above this module.
 * Searching upwards works from `src/cli/`, from `dist/cli/` and from a bundler's shared chunk
 * in `dist/`, wherever the build puts this code.
 */
export function packageVersion(): string {
  for (let up = '../'; up.length <= 5 * 3; up += '../') {
    try {
      const text = readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8');
      const pkg = JSON.parse(text) as { name?: string; version?: string };
      if (pkg.name === 'flexroute' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level: keep looking
    }
  }
  return 'unknown';
}
