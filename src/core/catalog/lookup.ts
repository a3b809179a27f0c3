/**
 * Model id → provider (and catalog entry). Exact ids and aliases resolve through one Map built
 * when the catalog is created; unknown ids fall back to their family prefix (SPEC §3.3), which
 * tells the router where to send them but not that they can run on flex.
 */
import type { ProviderId } from '../types.js';
import { DEFAULT_MODELS } from './models.js';
import type { ModelEntry } from './types.js';

/** What a model id resolves to. `entry` is absent when only the family prefix matched. */
export interface CatalogMatch {
  provider: ProviderId;
  entry?: ModelEntry;
}

/** A model catalog: lookups by id or alias, plus the entries it holds. */
export interface Catalog {
  /** Resolves a model id as a caller sent it; `undefined` when no provider can be told. */
  lookup(model: string): CatalogMatch | undefined;
  entries(): readonly ModelEntry[];
}

/** Options for {@link createCatalog}. */
export interface CatalogOptions {
  /** Replaces the built-in table. */
  entries?: readonly ModelEntry[];
  /** Adds entries, or replaces the entry with the same id. */
  extend?: readonly ModelEntry[];
}

/** Family prefixes for ids the table does not list (SPEC §3.3). */
export const FAMILY_PREFIXES: readonly (readonly [prefix: string, provider: ProviderId])[] = [
  ['gpt-', 'openai'],
  ['chatgpt-', 'openai'],
  ['o1', 'openai'],
  ['o3', 'openai'],
  ['o4', 'openai'],
  ['gemini-', 'gemini'],
  ['claude-', 'anthropic'],
];

/** Gemini's REST resource form, `models/gemini-2.5-flash`. */
const GEMINI_RESOURCE_PREFIX = 'models/';

/** The provider a model id's family prefix names, if any. */
export function providerByFamily(model: string): ProviderId | undefined {
  return FAMILY_PREFIXES.find(([prefix]) => model.startsWith(prefix))?.[1];
}

/**
 * Builds a catalog.
 *
 * Name clashes: a canonical id always wins over another entry's alias; between aliases, the
 * later entry wins (so `extend` overrides the built-in table).
 *
 * @example
 * const catalog = createCatalog({
 *   extend: [{ id: 'gpt-6', aliases: [], provider: 'openai', flex: true }],
 * });
 * catalog.lookup('gpt-6'); // { provider: 'openai', entry: { id: 'gpt-6', … } }
 */
export function createCatalog(options: CatalogOptions = {}): Catalog {
  const byId = new Map<string, ModelEntry>();
  for (const entry of options.entries ?? DEFAULT_MODELS) byId.set(entry.id, entry);
  for (const entry of options.extend ?? []) byId.set(entry.id, entry);
  const list: readonly ModelEntry[] = Object.freeze([...byId.values()]);

  const byName = new Map<string, ModelEntry>();
  for (const entry of list) for (const alias of entry.aliases) byName.set(alias, entry);
  for (const entry of list) byName.set(entry.id, entry);

  function resolve(model: string): CatalogMatch | undefined {
    const entry = byName.get(model);
    if (entry) return { provider: entry.provider, entry };
    const provider = providerByFamily(model);
    return provider ? { provider } : undefined;
  }

  return {
    lookup(model) {
      if (model.startsWith(GEMINI_RESOURCE_PREFIX)) {
        const match = resolve(model.slice(GEMINI_RESOURCE_PREFIX.length));
        return match?.provider === 'gemini' ? match : undefined;
      }
      return resolve(model);
    },
    entries: () => list,
  };
}

/** The built-in catalog. */
export const defaultCatalog: Catalog = createCatalog();
