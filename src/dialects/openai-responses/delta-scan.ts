/**
 * Reads an OpenAI Responses delta event (one per token: `response.output_text.delta` and the
 * other `*.delta` events) without `JSON.parse` of the whole event: one anchored regular
 * expression checks that the text is JSON of the shape OpenAI writes and picks out the fields the
 * decoder reads; only a `delta` string holding escapes is parsed, alone.
 *
 * The shape, and nothing else (anything else, or anything over 65 536 characters, gets `undefined`,
 * and the decoder parses the event in full, as it always did):
 * - a compact JSON object (no whitespace between tokens), `"type"` first, one of {@link DELTA_TYPES};
 * - then, in this order, `"output_index"` (an integer of at most 15 digits), `"content_index"`
 *   (the same, or absent) and `"delta"` (a string), each exactly once;
 * - around them, any other fields whose keys hold no escapes and whose values are strings,
 *   numbers, `true`, `false`, `null`, `[]` or `{}` (`sequence_number`, `item_id`, `logprobs`,
 *   `obfuscation`, `summary_index`, …).
 * Every text the expression matches is JSON, and with each field read here present once, the
 * values it captures are what `JSON.parse` gives for them.
 */

/** The delta events read here; each carries its text in `delta`. */
export const DELTA_TYPES = [
  'response.output_text.delta',
  'response.refusal.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
  'response.function_call_arguments.delta',
  'response.custom_tool_call_input.delta',
] as const;

export type DeltaType = (typeof DELTA_TYPES)[number];

/**
 * The fields the Responses decoder reads from a delta event, as it reads them from the parsed
 * object: `outputIndex` is `output_index`; `contentIndex` is `content_index`, or 0 without one;
 * `delta` is the text.
 */
export interface ScannedDelta {
  type: DeltaType;
  outputIndex: number;
  contentIndex: number;
  delta: string;
}

/** A JSON string: any character but a quote, a backslash or a control character, or an escape. */
const STRING = String.raw`"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`;
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
/** An integer exact in a double, so `Number` of it is what `JSON.parse` gives. */
const INDEX = String.raw`(-?(?:0|[1-9]\d{0,14}))`;
/** Any other field: a key without escapes that is none of the fields read here, and a value that is not a non-empty array or object. */
const OTHER_FIELDS = String.raw`(?:,"(?!(?:type|output_index|content_index|delta)")[^"\\\x00-\x1f]*":(?:${STRING}|${NUMBER}|true|false|null|\[\]|\{\}))*`;
const TYPES = DELTA_TYPES.map((type) => type.replaceAll('.', '\\.')).join('|');

const DELTA_EVENT = new RegExp(
  // Other fields before each field read here, in one group each, so no two of those groups meet
  // and a text that does not match is rejected without trying ways to split the fields among them.
  `^\\{"type":"(${TYPES})"${OTHER_FIELDS},"output_index":${INDEX}(?:${OTHER_FIELDS},"content_index":${INDEX})?${OTHER_FIELDS},"delta":(${STRING})${OTHER_FIELDS}\\}$`,
);

/**
 * Longer events go to the full parse: a token's delta is never near this, and the expression's
 * backtracking stack grows with the text (V8 throws a `RangeError` for a match of megabytes).
 */
const MAX_SCANNED_LENGTH = 65_536;

/**
 * `data` as a delta event's fields, or `undefined` when it is not a delta event of the shape
 * above: the caller then parses it in full.
 *
 * @example
 * ```ts
 * scanDelta('{"type":"response.output_text.delta","sequence_number":4,"output_index":0,"content_index":0,"delta":"Hi"}');
 * // { type: 'response.output_text.delta', outputIndex: 0, contentIndex: 0, delta: 'Hi' }
 * scanDelta('{"type":"response.completed","response":{}}'); // undefined
 * ```
 */
export function scanDelta(data: string): ScannedDelta | undefined {
  if (data.length > MAX_SCANNED_LENGTH) return undefined;
  const match = DELTA_EVENT.exec(data);
  if (!match) return undefined;
  const [, type, outputIndex, contentIndex, delta] = match as unknown as [string, DeltaType, string, string | undefined, string];
  return {
    type,
    outputIndex: Number(outputIndex),
    contentIndex: contentIndex === undefined ? 0 : Number(contentIndex),
    // Without a backslash the text between the quotes is the string itself.
    delta: delta.includes('\\') ? (JSON.parse(delta) as string) : delta.slice(1, -1),
  };
}
