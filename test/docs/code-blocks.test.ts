import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown.js';

// The TypeScript blocks marked `ts runnable` in these pages must compile as a user would write
// them, importing `flexroute`, `flexroute/core`, … The blocks are type-checked in memory, as if
// they were files in test/docs (so `openai` and the Node types resolve from the repository), with
// the package's entry points mapped to their sources. Nothing is written to disk.
const PAGES = ['docs/quickstart.md', 'docs/build-your-own.md'];

const ROOT = process.cwd();
const ENTRY_POINTS: Record<string, string> = {
  flexroute: 'src/index.ts',
  'flexroute/core': 'src/core.ts',
  'flexroute/router': 'src/router.ts',
  'flexroute/dialects': 'src/dialects.ts',
  'flexroute/node': 'src/node.ts',
  'flexroute/client': 'src/client/index.ts',
  'flexroute/simulator': 'src/simulator/index.ts',
};

interface Snippet {
  page: string;
  line: number;
  path: string;
  code: string;
}

function snippetsOf(page: string): Snippet[] {
  const blocks = codeBlocks(readFileSync(page, 'utf8')).filter((b) => b.runnable);
  // One folder per page, so a block can import another block of the same page by its file= name.
  const dir = join(ROOT, 'test', 'docs', `__${page.replace(/\W/g, '_')}`);
  return blocks.map((block, i) => ({ page, line: block.line, path: join(dir, block.file ?? `block-${i + 1}.ts`), code: block.code }));
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const paths = Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, file]) => [name, [`./${file}`]]));
  return { ...parsed.options, noEmit: true, baseUrl: ROOT, paths };
}

/** Diagnostics of the snippets only: the library itself is checked by `tsc -p .`. */
function typecheck(snippets: Snippet[]): string[] {
  const virtual = new Map(snippets.map((s) => [resolve(s.path), s.code]));
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  const virtualDirs = new Set([...virtual.keys()].map((file) => dirname(file)));
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists(file);
  host.directoryExists = (dir) => virtualDirs.has(resolve(dir)) || (directoryExists?.(dir) ?? ts.sys.directoryExists(dir));
  host.readFile = (file) => virtual.get(resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, language, onError, create) => {
    const code = virtual.get(resolve(file));
    return code === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, code, language, true);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  return snippets.flatMap((snippet) => {
    const source = program.getSourceFile(resolve(snippet.path));
    if (!source) return [`${snippet.page}:${snippet.line}: not compiled`];
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      // Point at the line in the Markdown page: the fence is on `line`, the code starts below it.
      return `${snippet.page}:${snippet.line + 1 + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  });
}

describe('runnable code blocks in the docs', () => {
  for (const page of PAGES) {
    it(`${page}: has runnable blocks, and they compile`, () => {
      const snippets = snippetsOf(page);
      expect(snippets.length).toBeGreaterThan(0);
      expect(typecheck(snippets)).toEqual([]);
    }, 120_000);
  }

  it('reports a block that does not compile (the check can fail)', () => {
    const broken: Snippet = {
      page: 'docs/example.md',
      line: 1,
      path: join(ROOT, 'test', 'docs', '__broken', 'block-1.ts'),
      code: "import { createRouter } from 'flexroute';\ncreateRouter({ basePathh: '/llm' });\n",
    };
    const errors = typecheck([broken]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^docs\/example\.md:3: .*basePathh/);
  }, 120_000);
});
