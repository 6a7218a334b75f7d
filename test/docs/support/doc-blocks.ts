/**
 * The shell blocks of a Markdown file and what each is documented to print. Every ```sh
 * block carries a marker on the line above it, so none is left out by accident:
 *
 *   <!-- doc-test: run -->                 run it (the file's blocks run in order, in one shell)
 *   <!-- doc-test: not run: <why> -->      say why it cannot run in a test
 *
 * A run block may be followed by its output, the next fence, marked
 * `<!-- doc-test: output -->` (any fence language; ```text by convention). In it `<...>`
 * stands for any text on that line (`<id>`, `<time>`) and a line `...` for any lines.
 */

export interface ShellBlock {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  run: boolean;
  /** Why it is not run; '' for a run block. */
  reason: string;
  /** What it prints, when documented. */
  output?: string;
}

export interface Unmarked {
  line: number;
}

const MARKER = /^<!--\s*doc-test:\s*(run|not run:\s*(.+?)|output)\s*-->\s*$/;

/** The shell blocks of `markdown`, and the ```sh fences that carry no marker. */
export function shellBlocks(markdown: string): { blocks: ShellBlock[]; unmarked: Unmarked[]; stray: number[] } {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  const unmarked: Unmarked[] = [];
  /** Output markers with no run block before them. */
  const stray: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})(\S*)/.exec(lines[i]!);
    if (!fence) continue;
    const close = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]!) && l.trim() === fence[1]);
    const end = close === -1 ? lines.length : close;
    const code = lines.slice(i + 1, end).join('\n');
    const marker = MARKER.exec(lines[i - 1]?.trim() ?? '');
    if (marker?.[1] === 'output') {
      const last = blocks.at(-1);
      if (last?.run && last.output === undefined) last.output = code;
      else stray.push(i + 1);
    } else if (fence[2] === 'sh' || fence[2] === 'bash' || fence[2] === 'shell') {
      if (!marker) unmarked.push({ line: i + 1 });
      else blocks.push({ line: i + 1, code, run: marker[1] === 'run', reason: marker[2] ?? '' });
    }
    i = end;
  }
  return { blocks, unmarked, stray };
}

/** `<...>` is any text within a line; everything else is literal. */
function linePattern(expected: string): RegExp {
  const parts = expected.split(/(<[^<>]+>)/);
  const source = parts.map((p, k) => (k % 2 === 1 ? '.+?' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`);
}

/**
 * Whether `actual` is what `expected` documents: line by line (trailing spaces ignored),
 * `<...>` matching any text and a `...` line any number of lines. Returns '' when it is,
 * else where it first differs.
 */
export function compareOutput(expected: string, actual: string): string {
  const want = expected.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
  const got = actual.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
  const match = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    if (want[w] === '...') {
      for (let k = g; k <= got.length; k++) if (match(w + 1, k)) return true;
      return false;
    }
    return g < got.length && linePattern(want[w]!).test(got[g]!) && match(w + 1, g + 1);
  };
  if (match(0, 0)) return '';
  // The first line that differs, for the failure message (ignoring what `...` could skip).
  for (let k = 0; k < Math.max(want.length, got.length); k++) {
    if (want[k] === '...') break;
    if (want[k] === undefined || got[k] === undefined || !linePattern(want[k]!).test(got[k]!)) {
      return `line ${k + 1}: documented ${JSON.stringify(want[k] ?? '(end)')}, printed ${JSON.stringify(got[k] ?? '(end)')}`;
    }
  }
  return 'the lines differ after a `...`';
}
