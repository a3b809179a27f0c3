/** Releases a response body nobody will read, without letting the cancel fail loudly. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {});
}
