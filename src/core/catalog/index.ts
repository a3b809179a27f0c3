/** The model catalog: data (models, prices), lookup by id/alias/family, and cost. */
export type { ModelEntry, ModelPrices } from './types.js';
export { DEFAULT_MODELS } from './models.js';
export { DEFAULT_PRICES } from './prices.js';
export {
  createCatalog,
  defaultCatalog,
  providerByFamily,
  FAMILY_PREFIXES,
  type Catalog,
  type CatalogMatch,
  type CatalogOptions,
} from './lookup.js';
export { costUsd, FLEX_PRICE_FACTOR, type Usage } from './cost.js';
