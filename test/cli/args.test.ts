import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../src/cli/args.js';

describe('parseCommand', () => {
  it('reads serve flags, with PORT and HOST as fallbacks and loopback:8080 by default', () => {
    expect(parseCommand(['serve', '--port', '9000', '--host', '0.0.0.0', '--base-path', '/llm', '-q'])).toEqual({
      kind: 'serve',
      options: { port: 9000, host: '0.0.0.0', basePath: '/llm', drainTimeoutMs: 30_000, quiet: true, simulate: undefined },
    });
    expect(parseCommand(['serve'], {})).toMatchObject({ options: { port: 8080, host: '127.0.0.1' } });
    expect(parseCommand(['serve'], { PORT: '3000', HOST: '::1' })).toMatchObject({ options: { port: 3000, host: '::1' } });
    expect(parseCommand(['serve', '-p', '4000'], { PORT: '3000' })).toMatchObject({ options: { port: 4000 } });
    expect(parseCommand(['serve', '--drain-timeout', '5'])).toMatchObject({ options: { drainTimeoutMs: 5_000 } });
  });

  it('reads demo flags with their defaults', () => {
    expect(parseCommand(['demo'])).toEqual({ kind: 'demo', options: { requests: 80, concurrency: 8, seed: 1 } });
    expect(parseCommand(['demo', '-n', '12', '-c', '3', '--seed', '9'])).toEqual({ kind: 'demo', options: { requests: 12, concurrency: 3, seed: 9 } });
  });

  it('reads serve --simulate with its preset and seed, and the simulator command', () => {
    expect(parseCommand(['serve', '--simulate'])).toMatchObject({ kind: 'serve', options: { simulate: { preset: 'realistic', seed: 1 } } });
    expect(parseCommand(['serve', '--simulate', '--preset', 'outage', '--seed', '4'])).toMatchObject({ options: { simulate: { preset: 'outage', seed: 4 } } });
    expect(parseCommand(['simulator'])).toEqual({ kind: 'simulator', options: { port: 9000, host: '127.0.0.1', preset: 'realistic', seed: 1 } });
    expect(parseCommand(['simulator', '-p', '0', '--preset', 'instant', '--seed', '3'])).toEqual({ kind: 'simulator', options: { port: 0, host: '127.0.0.1', preset: 'instant', seed: 3 } });
    expect(parseCommand(['help', 'simulator'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: flexroute simulator') });
  });

  it('answers help and version', () => {
    expect(parseCommand([])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: flexroute <command>') });
    expect(parseCommand(['help', 'serve'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: flexroute serve') });
    expect(parseCommand(['demo', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: flexroute demo') });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['serve', '--verbose'], "'--verbose'"],
    [['demo', '--port', '1'], "'--port'"],
    [['serve', 'extra'], "unexpected argument 'extra'"],
    [['serve', '--port', '70000'], "flexroute serve: --port must be a whole number from 0 to 65535, not '70000'"],
    [['serve', '--port', '-1'], '--port'],
    [['serve', '--port'], '--port <value>\' argument missing'],
    [['demo', '--requests', '0'], "flexroute demo: --requests must be a whole number from 1 to 10000, not '0'"],
    [['demo', '--concurrency', '2.5'], "flexroute demo: --concurrency must be a whole number from 1 to 256, not '2.5'"],
    [['simulator', '--preset', 'busy'], "flexroute simulator: --preset must be one of realistic, instant, outage, slow-flex, not 'busy'"],
    [['serve', '--preset', 'outage'], 'flexroute serve: --preset and --seed only apply with --simulate'],
    [['simulator', '--port', 'x'], "flexroute simulator: --port must be a whole number"],
    [['demo', '--window', '30s'], "flexroute demo: --window must be a duration written HHh-MMm-SSs"],
    [['demo', '--window', '00h-20m-00s'], 'flexroute demo: --window 00h-20m-00s is not a start_within the router accepts'],
    [['server'], "Unknown command 'server'"],
    [['--bogus'], "'--bogus'"],
  ])('rejects %j naming what is wrong', (argv, named) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(named);
  });

  it('names the PORT variable when its value is bad', () => {
    expect(() => parseCommand(['serve'], { PORT: 'eighty' })).toThrow("flexroute serve: PORT must be a whole number from 0 to 65535, not 'eighty'. Example: PORT=8080.");
  });
});
