/**
 * The path of a request URL without scheme, authority and query (a Gemini-style `?key=` must
 * never reach an event or a route). Cheaper than `new URL()` on the hot path.
 *
 * @example
 * urlPath('http://h/v1/responses?key=AIza…') // '/v1/responses'
 */
export function urlPath(url: string): string {
  const afterScheme = url.indexOf('://');
  const start = afterScheme === -1 ? 0 : url.indexOf('/', afterScheme + 3);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  return query === -1 ? url.slice(start) : url.slice(start, query);
}
