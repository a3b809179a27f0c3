/** `flexroute simulator`: the built-in provider simulator as a standalone server, until a signal. */
import { PROVIDER_ENV } from '../../providers/defaults.js';
import { SIMULATOR_PRESETS } from '../../simulator/presets.js';
import { startSimulator, type Simulator } from '../../simulator/index.js';
import type { SimulatorArgs } from '../args.js';

/** Where `flexroute simulator` writes. */
export interface SimulatorIo {
  log(line: string): void;
}

/** The base URL of each provider on a running simulator, as flexroute's variables want them. */
export function simulatorUpstreams(sim: Simulator): Record<'openai' | 'gemini' | 'anthropic', string> {
  return { openai: sim.openaiBaseUrl, gemini: sim.geminiBaseUrl, anthropic: sim.anthropicBaseUrl };
}

/** Starts the simulator, prints where it is and what to export, and resolves with 0 after SIGINT/SIGTERM. */
export async function runSimulator(args: SimulatorArgs, io: SimulatorIo): Promise<number> {
  let sim: Simulator;
  try {
    sim = await startSimulator({ port: args.port, host: args.host, seed: args.seed, pools: SIMULATOR_PRESETS[args.preset]! });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`Cannot listen on ${args.host}:${args.port}: the port is already in use. Pick another, e.g. 'flexroute simulator --port ${args.port === 9000 ? 9001 : 9000}'.`);
    }
    throw err;
  }
  const upstreams = simulatorUpstreams(sim);
  io.log(`flexroute simulator listening on ${sim.url} (SIMULATED providers, not real ones; preset ${args.preset}, seed ${args.seed})`);
  io.log('Point flexroute (or any OpenAI, Anthropic or Google SDK) at it:');
  for (const provider of ['openai', 'gemini', 'anthropic'] as const) io.log(`  export ${PROVIDER_ENV[provider].baseUrl}=${upstreams[provider]}`);
  io.log('Any key works; it is never checked. Ctrl+C or SIGTERM stops it.');
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.log(`${signal}: shutting down.`);
      sim.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
