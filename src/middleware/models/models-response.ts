import type { Catalog } from '../../core/catalog/index.js';

/** `GET /v1/models`: the catalog in OpenAI's list shape, which every SDK's `models.list()` reads. */
export function modelsResponse(catalog: Catalog): Response {
  const data = catalog.entries().map((entry) => ({
    id: entry.id,
    object: 'model',
    created: 0,
    owned_by: entry.provider,
    flex: entry.flex,
  }));
  return Response.json({ object: 'list', data });
}
