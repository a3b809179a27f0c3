/**
 * Just enough Markdown reading for the documentation tests: fenced code blocks, headings with
 * their GitHub anchors, and inline links, each outside code.
 */

/** One fenced code block. `runnable` blocks are compiled by the tests (info `ts runnable`). */
export interface CodeBlock {
  lang: string;
  runnable: boolean;
  /** `file=<name>` in the info string: the module name other runnable blocks import it by. */
  file?: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface Heading {
  level: number;
  text: string;
  /** The anchor GitHub gives the heading (`#missing_start_within`). */
  slug: string;
}

export interface Link {
  target: string;
  line: number;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;

/** Splits a document into prose lines (code blocks blanked out) and its code blocks. */
function scan(markdown: string): { prose: string[]; blocks: CodeBlock[] } {
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { fence: string; info: string; line: number; lines: string[] } | undefined;
  markdown.split('\n').forEach((text, i) => {
    if (open) {
      if (text.trim() === open.fence) {
        const [lang = '', ...words] = open.info.trim().split(/\s+/);
        const file = words.find((w) => w.startsWith('file='))?.slice('file='.length);
        blocks.push({ lang, runnable: words.includes('runnable'), ...(file ? { file } : {}), code: open.lines.join('\n'), line: open.line });
        open = undefined;
      } else open.lines.push(text);
      prose.push('');
      return;
    }
    const fence = FENCE.exec(text.trim());
    if (fence) {
      open = { fence: fence[1]!, info: fence[2] ?? '', line: i + 1, lines: [] };
      prose.push('');
      return;
    }
    prose.push(text);
  });
  return { prose, blocks };
}

export function codeBlocks(markdown: string): CodeBlock[] {
  return scan(markdown).blocks;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const out: Heading[] = [];
  for (const line of scan(markdown).prose) {
    const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = match[2]!;
    const base = slugOf(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.push({ level: match[1]!.length, text, slug: count === 0 ? base : `${base}-${count}` });
  }
  return out;
}

/** Inline links `[text](target)` outside code blocks and code spans. */
export function links(markdown: string): Link[] {
  const out: Link[] = [];
  scan(markdown).prose.forEach((line, i) => {
    const withoutSpans = line.replace(/`[^`]*`/g, '');
    for (const match of withoutSpans.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: match[1]!, line: i + 1 });
  });
  return out;
}
