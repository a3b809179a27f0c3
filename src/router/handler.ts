/** A Fetch-API handler: the shape every host (Hono, Bun, Deno, Workers, the Node listener) mounts. */
export type Handler = (req: Request) => Promise<Response>;

/** Wraps a handler with behaviour before and/or after it. */
export type Middleware = (next: Handler) => Handler;
