/** Help texts, one per command. Kept as data so `--help` and docs/cli.md say the same thing. */

export const MAIN_USAGE = `Usage: flexroute <command> [options]

Try the half-price flex tier first; move a request up to standard when flex has
not started within the caller's start_within window.

Commands:
  serve      Run the router as a standalone HTTP gateway (--simulate: against
             the built-in simulator, no keys needed)
  simulator  Run the built-in provider simulator on its own, for any router
  demo      Route a sample workload through the built-in simulator and report
            what was routed, what it saved and what it cost in latency

Options:
  -h, --help     Show this help (or a command's: flexroute serve --help)
  -v, --version  Print the version

Examples:
  OPENAI_API_KEY=sk-... flexroute serve --port 8080
  flexroute serve --simulate          # try the gateway with curl or any SDK, no keys
  flexroute demo
`;

export const SERVE_USAGE = `Usage: flexroute serve [options]

Run the router as a standalone HTTP gateway. Endpoints (under --base-path):
  POST /v1/responses  /v1/chat/completions  /v1/messages  /v1/interactions
  GET  /v1/models

Options:
  -p, --port <n>              Port to listen on (default: $PORT, else 8080; 0 picks a free one)
      --host <addr>           Interface to bind (default: $HOST, else 127.0.0.1)
      --base-path <path>      Serve the endpoints under this prefix, e.g. /llm (default: none)
      --drain-timeout <s>     On SIGINT/SIGTERM, seconds in-flight requests get to finish
                              before their connections are closed (default: 30)
  -q, --quiet                 Do not log one line per request
      --simulate              Route to an in-process simulator instead of the real
                              providers (announced in the banner and on every answer's
                              x-flexroute-simulated header); no keys needed
      --preset <name>         With --simulate: realistic (default), instant, outage, slow-flex
      --seed <n>              With --simulate: seed of the simulator's draws (default: 1)
  -h, --help                  Show this help

Environment:
  OPENAI_API_KEY, GEMINI_API_KEY, ANTHROPIC_API_KEY
      Server-side provider keys. When set for a provider it is used whatever the
      caller sent; otherwise the caller's own key is passed through.
  FLEXROUTE_OPENAI_BASE_URL     default https://api.openai.com/v1
  FLEXROUTE_GEMINI_BASE_URL     default https://generativelanguage.googleapis.com
  FLEXROUTE_ANTHROPIC_BASE_URL  default https://api.anthropic.com
  FLEXROUTE_DEFAULT_START_WITHIN
      start_within for requests that send none (default: none, such requests get 400)

Example:
  OPENAI_API_KEY=sk-... flexroute serve --port 8080
  curl http://127.0.0.1:8080/v1/responses -H 'content-type: application/json' \\
    -d '{"model":"gpt-5-mini","input":"Hi","start_within":"00h-00m-30s"}'
`;

export const DEMO_USAGE = `Usage: flexroute demo [options]

Start the built-in simulator (a busy flex pool and a fast standard pool) and the
router on loopback, send a mixed workload through the official openai client,
then send the same workload again on "default" as a baseline, and print what
was routed, what it saved and what it cost in latency. No key, no network.

Options:
  -n, --requests <n>      Requests in the workload (default: 80)
  -c, --concurrency <n>   Requests in flight at once (default: 8)
      --seed <n>          Seed for the workload and the simulator (default: 1)
      --window <d>        start_within of every request that can wait, e.g. 00h-00m-30s
                          (default: a mix of 00h-00m-05s and 00h-00m-10s)
      --json              Print one JSON document (summary, sample, cross-format) instead
  -h, --help              Show this help

Example:
  flexroute demo --requests 40 --seed 7
  flexroute demo --window 00h-00m-30s   # wait longer for flex: saves more, waits longer
`;

export const SIMULATOR_USAGE = `Usage: flexroute simulator [options]

Run the built-in provider simulator: OpenAI, Gemini and Anthropic wire formats,
with a flex pool set by a preset. Simulated, not real providers: for trying
flexroute (or any router) without keys or network. Prints the base URLs to export.

Options:
  -p, --port <n>              Port to listen on (default: 9000; 0 picks a free one)
      --host <addr>           Interface to bind (default: 127.0.0.1)
      --preset <name>         realistic (default): a busy flex pool with a long start
                              tail and some 429s; instant: every pool instant;
                              outage: flex answers 503; slow-flex: flex starts after ~20 s
      --seed <n>              Seed of every random draw (default: 1)
  -h, --help                  Show this help

Example:
  flexroute simulator --port 9000 --preset outage
  # in another shell, with the exports it prints:
  flexroute serve --port 8080
`;
