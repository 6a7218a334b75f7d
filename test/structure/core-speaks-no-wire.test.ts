import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The core speaks no wire (STYLE, "Core speaks no wire"): it takes parsed, typed input in
 * options objects and throws codes with structured details, and each dialect's catalogue
 * owns the parameter names, limits and message text. This reads the source to keep it so.
 */
const src = fileURLToPath(new URL('../../src/', import.meta.url));
const coreFiles = readdirSync(join(src, 'core'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join('core', f));
const sourceOf = (file: string): string => readFileSync(join(src, file), 'utf8');

/** Parameter names of the three dialects (NAS, PDS, Jobs) that only their parsers may say. */
const WIRE_NAMES = [
  // NAS
  'FileSystemId', 'FileId', 'TargetFileId', 'JobId', 'NextToken', 'MaxResults', 'ReservedDays', 'ClientToken', 'PageSize', 'PageNumber', 'Path',
  // PDS
  'drive_id', 'file_id', 'parent_file_id', 'target_file_id', 'to_parent_file_id', 'upload_id', 'async_task_id', 'marker', 'next_marker',
  'part_info_list', 'part_number_marker', 'order_by', 'order_direction', 'check_name_mode', 'drive_name', 'total_size', 'refresh_token', 'expire_sec',
  // Jobs
  'pageSize', 'jobId.id', 'reservedDays.',
];
const WIRE_NAME = new RegExp(`(?<![\\w.])(${WIRE_NAMES.map((n) => n.replace('.', '\\.')).join('|')})(?![\\w])`);

/** String literals of a source text (comments are free to mention the wire). */
function stringsOf(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g)].map((m) => m[0]);
}

/** The parameter list of every exported function of a file: `export function f(...)` and `export const f = (...) =>`. */
function exportedFunctions(text: string): { name: string; params: string[] }[] {
  const found: { name: string; params: string[] }[] = [];
  for (const m of text.matchAll(/export (?:async )?function (\w+)\s*(?:<[^(]*?>)?\(|export const (\w+)\s*=\s*(?:async\s*)?(?:<[^(]*?>)?\(/g)) {
    const open = m.index! + m[0].length;
    // The matching parenthesis, skipping what nested brackets hold.
    let depth = 1;
    let i = open;
    for (; i < text.length && depth > 0; i++) {
      if ('([{<'.includes(text[i]!)) depth++;
      else if (')]}>'.includes(text[i]!) && text[i - 1] !== '=') depth--;
    }
    const list = text.slice(open, i - 1);
    const after = text.slice(i, i + 200);
    // `export const x = (a + b) * c` is no function: an arrow or a return type follows a parameter list.
    if (m[2] !== undefined && !/^\s*(?::[^=]*?)?=>/.test(after)) continue;
    found.push({ name: (m[1] ?? m[2])!, params: topLevelParts(list) });
  }
  return found;
}

/** `a: X, b: { c: D, e: F }, g?: H` -> three parts. */
function topLevelParts(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && list[i - 1] !== '=') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Exported functions that take `unknown` on purpose, and why. */
const TAKES_UNKNOWN: Record<string, string> = {
  isDomainError: 'a type guard: it exists to look at anything',
  isStoreUnavailable: 'classifies whatever a database driver threw',
  isStorageFull: 'classifies whatever a file write or database driver threw',
  asDomainError: 'turns whatever reached a dialect into the core error it stands for, if any',
};

describe('the core speaks no wire', () => {
  it('names no dialect parameter in any string', () => {
    const offenders = coreFiles.flatMap((file) =>
      stringsOf(sourceOf(file))
        .filter((s) => WIRE_NAME.test(s))
        .map((s) => `${file}: ${s.slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('takes typed input: no exported function has a parameter of type unknown', () => {
    const offenders = coreFiles.flatMap((file) =>
      exportedFunctions(sourceOf(file))
        .filter((fn) => !Object.hasOwn(TAKES_UNKNOWN, fn.name) && fn.params.some((p) => /:\s*unknown\s*(=|$)/.test(p)))
        .map((fn) => `${file}: ${fn.name}(${fn.params.join(', ')})`),
    );
    expect(offenders).toEqual([]);
  });

  it('takes at most three positional parameters (more go in an options object)', () => {
    const offenders = coreFiles.flatMap((file) =>
      exportedFunctions(sourceOf(file))
        .filter((fn) => fn.params.length > 3)
        .map((fn) => `${file}: ${fn.name}(${fn.params.join(', ')})`),
    );
    expect(offenders).toEqual([]);
  });

  it('writes the id rule once: core/ids.ts spells it, everything else calls isId', () => {
    const apiFiles = readdirSync(join(src, 'api'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('api', f));
    const spellers = [...coreFiles, ...apiFiles].filter((file) => sourceOf(file).includes('A-Za-z0-9._-]{1,128}'));
    expect(spellers).toEqual([join('core', 'ids.ts')]);
  });

  it('finds what it checks (the readers above see the source as it is written)', () => {
    const names = coreFiles.flatMap((file) => exportedFunctions(sourceOf(file)).map((fn) => `${fn.name}/${fn.params.length}`));
    expect(names).toEqual(expect.arrayContaining(['getLiveEntry/3', 'listBinItems/3', 'checkName/2', 'isId/1', 'createSalvage/1']));
    expect(stringsOf("const a = 'file_id'; // 'NextToken'\nconst b = `x ${'y'}`;")).toEqual(["'file_id'", "`x ${'y'}`"]);
  });
});
