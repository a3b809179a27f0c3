/**
 * Starts a benchmark server process (see serve.ts), asks it for its CPU time over IPC, and
 * stops it again. CPU time per request is the bench's noise-resistant measure: on a shared
 * machine wall-clock latency moves with everything else running, CPU spent per request barely does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
/** The repository root: `--import tsx` resolves from the working directory. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** CPU time (user + system, all threads) the process has used so far, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Spawns `serve.ts <args>`; `nodeFlags` go to node (e.g. `--cpu-prof`). */
export function startServerProcess(args: readonly string[], nodeFlags: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', SERVE, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`bench server '${args.join(' ')}' exited (${code}) before it listened`));
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      child.off('exit', onExit);
      const { url } = JSON.parse(out.slice(0, newline)) as { url: string };
      resolve({ url, child, cpuMicros: () => askCpu(child), stop: () => stop(child) });
    });
  });
}

function askCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpuMicros: number }) => resolve(message.cpuMicros));
    child.send('cpu');
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
