/**
 * Where the examples send their requests: the provider named by FLEXROUTE_OPENAI_BASE_URL (with
 * OPENAI_API_KEY), or else a built-in simulator on loopback, so every example runs offline.
 * The simulator's flex pool here takes 300 ms to start and refuses one request in five.
 */
import { startSimulator } from '../src/simulator/index.js'; // in your app: 'flexroute/simulator'

export interface Upstream {
  /** The OpenAI base URL to route to, e.g. `http://127.0.0.1:9000/v1`. */
  openai: string;
  /** The provider key the router sends upstream. */
  key: string;
  close(): Promise<void>;
}

export async function openaiUpstream(): Promise<Upstream> {
  const baseUrl = process.env.FLEXROUTE_OPENAI_BASE_URL;
  if (baseUrl) return { openai: baseUrl, key: process.env.OPENAI_API_KEY ?? '', close: async () => {} };
  const sim = await startSimulator({ seed: 42, pools: { flex: { startDelayMs: 300, rate429: 0.2 } } });
  return { openai: sim.openaiBaseUrl, key: 'sk-simulator', close: () => sim.close() };
}
