import { spawnSync } from 'node:child_process';
import { XMLValidator } from 'fast-xml-parser';

/** XML 1.0's `Char` production (section 2.2). */
const isXmlChar = (cp: number): boolean =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

let python: boolean | undefined;

/**
 * Why `text` is not a well-formed XML 1.0 document; empty when it is. fast-xml-parser's
 * XMLValidator checks the structure but not the `Char` production (it accepts a raw U+0001
 * and `&#1;`), which conforming parsers such as expat and libxml2 enforce, so that is
 * checked here too, raw and in character references; and where python3 is installed the
 * document also goes through expat itself.
 */
export function xmlProblems(text: string): string[] {
  return xmlProblemsOfEach([text])[0]!;
}

/** {@link xmlProblems} of many documents, with one expat process for them all. */
export function xmlProblemsOfEach(texts: string[]): string[][] {
  const all = texts.map(structuralProblems);
  if (python !== false) {
    const script = 'import sys,json,xml.parsers.expat as e\nout=[]\nfor d in json.load(sys.stdin):\n  try:\n    e.ParserCreate().Parse(d.encode("utf-8","surrogatepass"), True); out.append("")\n  except Exception as x: out.append(str(x))\nprint(json.dumps(out))';
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts) });
    if (run.error) python = false;
    else if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr.toString()}`);
    else (JSON.parse(run.stdout.toString()) as string[]).forEach((err, i) => err && all[i]!.push(`expat: ${err}`));
  }
  return all;
}

function structuralProblems(text: string): string[] {
  const problems: string[] = [];
  const validated = XMLValidator.validate(text);
  if (validated !== true) problems.push(`XMLValidator: ${validated.err.code} ${validated.err.msg} (line ${validated.err.line})`);
  for (const ch of text) {
    if (!isXmlChar(ch.codePointAt(0)!)) {
      problems.push(`raw character U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')} is not an XML Char`);
      break;
    }
  }
  for (const m of text.matchAll(/&#(x[0-9A-Fa-f]+|[0-9]+);/g)) {
    const cp = m[1]!.startsWith('x') ? Number.parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (!isXmlChar(cp)) problems.push(`character reference ${m[0]} is not an XML Char`);
  }
  return problems;
}
