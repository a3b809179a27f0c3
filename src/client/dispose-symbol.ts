/**
 * `Symbol.asyncDispose`, so `await using client = new FlexRoute()` works everywhere.
 *
 * Node 20, Deno, Bun and current browsers define the symbol. Where a runtime does not, TypeScript's
 * `await using` helper looks for the registered symbol `Symbol.for('Symbol.asyncDispose')`, so that
 * is what we install, and only when the slot is empty. It is exported as a value (rather than
 * installed by a bare side-effect import) because the package is `sideEffects: false` and a
 * bundler may drop an import nothing reads from.
 */
const symbols = Symbol as unknown as { asyncDispose?: symbol };
symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');

/** The runtime's `Symbol.asyncDispose`, or the registered stand-in installed above. */
export const asyncDispose: typeof Symbol.asyncDispose = symbols.asyncDispose as typeof Symbol.asyncDispose;
