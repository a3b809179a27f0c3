import type { Catalog } from '../../core/catalog/index.js';
import type { RouteStep } from '../context.js';
import { modelsResponse } from './models-response.js';

/**
 * Answers `GET /v1/models` from the catalog, in OpenAI's list shape (every SDK's `models.list()`
 * reads it); every other endpoint goes on to `next`.
 *
 * @example
 * ```ts
 * compose([endpoints(), models({ catalog: defaultCatalog }), readRequest()]); // … then the rest
 * ```
 */
export function models(options: { catalog: Catalog }): RouteStep {
  return function models(ctx, next) {
    if (ctx.endpoint?.kind === 'models') return Promise.resolve(modelsResponse(options.catalog));
    return next();
  };
}
