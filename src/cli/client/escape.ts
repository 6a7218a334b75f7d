/**
 * Characters a terminal acts on rather than shows: C0 controls (ESC starts colour and
 * cursor sequences, CR rewrites the line), DEL, C1 controls (U+009B is a one-byte CSI) and
 * the bidirectional overrides and isolates, which reorder what follows (a name that reads
 * `report.txt` but is `txt.exe`). A name may hold any of them; the CLI never prints one raw.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The same minus C0: JSON.stringify escapes those inside strings, and its newlines are layout. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`, else `\xNN` (to U+00FF) or `\u{NNNN}`: visible, and unambiguous to a reader. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0)!;
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}

/**
 * JSON for scripts, with the same characters as `\uNNNN` escapes: still the same JSON
 * value to a parser, and safe to view at a terminal (JSON.stringify leaves DEL, C1 and
 * the bidi controls raw).
 */
export function safeJson(value: unknown): string {
  return escapeJsonText(JSON.stringify(value, null, 2));
}

/** JSON text (JSON Lines too) with those characters as `\uNNNN`: outside C0 they can only be inside strings. */
export const escapeJsonText = (json: string): string =>
  json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);

/** One line of output: whatever it holds is escaped, then the line ends. */
export const printLine = (text: string): void => void process.stdout.write(`${escapeControls(text)}\n`);

/** One line on stderr (notes, progress without a bar), escaped the same way. */
export const noteLine = (text: string): void => void process.stderr.write(`${escapeControls(text)}\n`);
