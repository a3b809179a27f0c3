/**
 * Command-line arguments to a {@link Command}, with node:util parseArgs in strict mode: an
 * unknown flag or a bad value is a {@link UsageError} that names it and says how to fix it.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseStartWithin } from '../core/deadline.js';
import { SIMULATOR_PRESETS } from '../simulator/presets.js';
import { DEMO_USAGE, MAIN_USAGE, SERVE_USAGE, SIMULATOR_USAGE } from './usage.js';

/** What the user asked the CLI to do. */
export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'serve'; options: ServeArgs }
  | { kind: 'demo'; options: DemoArgs }
  | { kind: 'simulator'; options: SimulatorArgs };

/** `flexroute serve` options, defaults applied. */
export interface ServeArgs {
  port: number;
  host: string;
  basePath: string;
  drainTimeoutMs: number;
  quiet: boolean;
  /** `--simulate`: an in-process simulator as every upstream, with this preset and seed. */
  simulate: { preset: string; seed: number } | undefined;
}

/** `flexroute simulator` options, defaults applied. */
export interface SimulatorArgs {
  port: number;
  host: string;
  preset: string;
  seed: number;
}

/** `flexroute demo` options, defaults applied. */
export interface DemoArgs {
  requests: number;
  concurrency: number;
  seed: number;
  /** `--window`: the start_within of every request that can wait (default: the workload's 5 s and 10 s mix). */
  window?: string;
  /** `--json`: one JSON document instead of the report, for machines. */
  json?: boolean;
}

/** A mistake on the command line; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP: Options = { help: { type: 'boolean', short: 'h' } };

/** Where a server listens. */
const LISTEN: Options = { port: { type: 'string', short: 'p' }, host: { type: 'string' } };
/** How the simulator is set up. */
const SIMULATION: Options = { preset: { type: 'string' }, seed: { type: 'string' } };

const SERVE_OPTIONS: Options = {
  ...HELP,
  ...LISTEN,
  'base-path': { type: 'string' },
  'drain-timeout': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  simulate: { type: 'boolean' },
  ...SIMULATION,
};

const SIMULATOR_OPTIONS: Options = { ...HELP, ...LISTEN, ...SIMULATION };

const DEMO_OPTIONS: Options = {
  ...HELP,
  requests: { type: 'string', short: 'n' },
  concurrency: { type: 'string', short: 'c' },
  seed: { type: 'string' },
  window: { type: 'string' },
  json: { type: 'boolean' },
};

/**
 * Reads the command line (without `node` and the script path).
 *
 * @param env where `PORT` and `HOST` fall back from
 * @throws UsageError naming the flag, command or value that is wrong
 * @example
 * parseCommand(['serve', '--port', '8080'], {});
 * // { kind: 'serve', options: { port: 8080, host: '127.0.0.1', … } }
 */
export function parseCommand(argv: readonly string[], env: Record<string, string | undefined> = {}): Command {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help', text: MAIN_USAGE };
  if (first === 'serve') {
    const values = parseStrict('serve', rest, SERVE_OPTIONS);
    if (values.help) return { kind: 'help', text: SERVE_USAGE };
    return { kind: 'serve', options: serveArgs(values, env) };
  }
  if (first === 'simulator') {
    const values = parseStrict('simulator', rest, SIMULATOR_OPTIONS);
    if (values.help) return { kind: 'help', text: SIMULATOR_USAGE };
    return { kind: 'simulator', options: simulatorArgs(values) };
  }
  if (first === 'demo') {
    const values = parseStrict('demo', rest, DEMO_OPTIONS);
    if (values.help) return { kind: 'help', text: DEMO_USAGE };
    return { kind: 'demo', options: demoArgs(values) };
  }
  if (first === 'help') return { kind: 'help', text: ({ serve: SERVE_USAGE, demo: DEMO_USAGE, simulator: SIMULATOR_USAGE } as Record<string, string>)[rest[0] ?? ''] ?? MAIN_USAGE };
  if (!first.startsWith('-')) {
    throw new UsageError(`Unknown command '${first}'. The commands are 'serve', 'simulator' and 'demo', e.g. 'flexroute serve --port 8080'. Run 'flexroute --help' for more.`);
  }
  const values = parseStrict(undefined, argv, { ...HELP, version: { type: 'boolean', short: 'v' } });
  if (values.version) return { kind: 'version' };
  return { kind: 'help', text: MAIN_USAGE };
}

type Values = Record<string, string | boolean | undefined>;

function parseStrict(command: string | undefined, args: readonly string[], options: Options): Values {
  const where = command ? `flexroute ${command}` : 'flexroute';
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    const message = (err as Error).message.split('. To specify a positional')[0];
    throw new UsageError(`${where}: ${message}. Run '${where} --help' to see the options it takes.`);
  }
  const [positional] = parsed.positionals;
  if (positional !== undefined) {
    throw new UsageError(`${where}: unexpected argument '${positional}'. Options are written as flags, e.g. '${where} --help'.`);
  }
  return parsed.values as Values;
}

function serveArgs(values: Values, env: Record<string, string | undefined>): ServeArgs {
  const where = 'flexroute serve';
  const portText = str(values.port) ?? (env.PORT || undefined);
  const port = portText === undefined ? 8080 : integer(where, portText, values.port !== undefined ? '--port' : 'PORT', 0, 65_535, '8080');
  const drainSeconds = str(values['drain-timeout']);
  if (!values.simulate && (values.preset !== undefined || values.seed !== undefined)) {
    throw new UsageError(`${where}: --preset and --seed only apply with --simulate. Example: '${where} --simulate --preset outage'.`);
  }
  return {
    port,
    host: str(values.host) ?? (env.HOST || '127.0.0.1'),
    basePath: str(values['base-path']) ?? '',
    drainTimeoutMs: drainSeconds === undefined ? 30_000 : integer(where, drainSeconds, '--drain-timeout', 0, 86_400, '30') * 1000,
    quiet: values.quiet === true,
    simulate: values.simulate ? { preset: preset(where, values), seed: seed(where, values) } : undefined,
  };
}

function simulatorArgs(values: Values): SimulatorArgs {
  const where = 'flexroute simulator';
  const port = str(values.port);
  return {
    port: port === undefined ? 9000 : integer(where, port, '--port', 0, 65_535, '9000'),
    host: str(values.host) ?? '127.0.0.1',
    preset: preset(where, values),
    seed: seed(where, values),
  };
}

function demoArgs(values: Values): DemoArgs {
  const where = 'flexroute demo';
  const requests = str(values.requests);
  const concurrency = str(values.concurrency);
  return {
    requests: requests === undefined ? 80 : integer(where, requests, '--requests', 1, 10_000, '80'),
    concurrency: concurrency === undefined ? 8 : integer(where, concurrency, '--concurrency', 1, 256, '8'),
    seed: seed(where, values),
    ...(values.window === undefined ? {} : { window: windowArg(where, str(values.window)!) }),
    ...(values.json === true ? { json: true } : {}),
  };
}

/** A duration `start_within` for the demo's waiting requests. */
function windowArg(where: string, text: string): string {
  if (!/^\d{2}h-\d{2}m-\d{2}s$/.test(text)) {
    throw new UsageError(`${where}: --window must be a duration written HHh-MMm-SSs, from 00h-00m-05s to 00h-10m-00s, not '${text}'. Example: --window 00h-00m-30s.`);
  }
  try {
    parseStartWithin(text);
  } catch (err) {
    throw new UsageError(`${where}: --window ${text} is not a start_within the router accepts: ${(err as Error).message.split(' Example:')[0]}`);
  }
  return text;
}

function preset(where: string, values: Values): string {
  const name = str(values.preset) ?? 'realistic';
  if (!Object.hasOwn(SIMULATOR_PRESETS, name)) {
    throw new UsageError(`${where}: --preset must be one of ${Object.keys(SIMULATOR_PRESETS).join(', ')}, not '${name}'. Example: --preset outage.`);
  }
  return name;
}

function seed(where: string, values: Values): number {
  const text = str(values.seed);
  return text === undefined ? 1 : integer(where, text, '--seed', 0, 2 ** 31 - 1, '7');
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(where: string, text: string, name: string, min: number, max: number, example: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${where}: ${name} must be a whole number from ${min} to ${max}, not '${text}'. Example: ${name.startsWith('-') ? `${name} ${example}` : `${name}=${example}`}.`);
  }
  return value;
}
