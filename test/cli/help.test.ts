import { afterAll, describe, expect, it } from 'vitest';
import { runCli, stopAll } from './cli-process.js';

afterAll(stopAll);

describe('flexroute --help and bad arguments (real process)', () => {
  it('prints the usage and exits 0 for --help, with and without a command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Usage: flexroute <command>');
    expect(main.stdout).toMatch(/serve\s+Run the router/);

    const serve = await runCli(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toContain('Usage: flexroute serve');
    expect(serve.stdout).toContain('--port');
    expect(serve.stdout).toContain('FLEXROUTE_OPENAI_BASE_URL');

    const demo = await runCli(['demo', '-h']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Usage: flexroute demo');
  });

  it('exits non-zero and names an unknown flag', async () => {
    const result = await runCli(['serve', '--prot', '8080']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'--prot'");
    expect(result.stderr).toContain('flexroute serve --help');
    expect(result.stdout).toBe('');
  });

  it('exits non-zero and names a bad value or an unknown command', async () => {
    const port = await runCli(['serve', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port must be a whole number from 0 to 65535, not 'http'");

    const command = await runCli(['srve']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("Unknown command 'srve'");
  });
});
