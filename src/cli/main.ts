#!/usr/bin/env node
/** The `flexroute` command: `serve`, `simulator`, `demo`, `--help`, `--version`. */
import { parseCommand, UsageError, type Command } from './args.js';
import { packageVersion } from './version.js';

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      process.stdout.write(command.text);
      return 0;
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case 'serve': {
      const { runServe } = await import('./serve/run-serve.js');
      return runServe(command.options, { env: process.env, log: (line) => process.stdout.write(`${line}\n`) });
    }
    case 'demo': {
      const { runDemo } = await import('./demo/demo.js');
      return runDemo(command.options, { write: (text) => process.stdout.write(text) });
    }
    case 'simulator': {
      const { runSimulator } = await import('./simulator/run-simulator.js');
      return runSimulator(command.options, { log: (line) => process.stdout.write(`${line}\n`) });
    }
  }
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  try {
    const code = await run(command);
    process.exit(code);
  } catch (err) {
    // The same prefix as the command's usage errors: `flexroute serve: …`.
    const where = command.kind === 'help' || command.kind === 'version' ? 'flexroute' : `flexroute ${command.kind}`;
    process.stderr.write(`${where}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

void main();
