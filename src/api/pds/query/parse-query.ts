import type { EntryFilter } from '../../../store/repositories/entries.repository.js';
import { isId } from '../../../core/ids.js';
import { PdsError } from '../errors.js';

/**
 * The search `query` language, as PDS writes it:
 *
 *   query      := or
 *   or         := and ("or" and)*
 *   and        := factor ("and" factor)*
 *   factor     := "(" or ")" | condition
 *   condition  := "name" "match" STRING      name contains STRING (case-insensitive)
 *               | "name" "=" STRING          name is exactly STRING
 *               | "parent_file_id" "=" STRING
 *               | "type" "=" ("folder" | "file")
 *   STRING     := double-quoted, with \" and \\ as escapes
 *
 * Keywords are case-insensitive; `and` binds tighter than `or`. Anything else is a 400
 * InvalidParameter.Query that names `query` and where it went wrong.
 */
export const MAX_QUERY_LENGTH = 4096;
const MAX_DEPTH = 32;

type Token = { kind: 'word' | 'string' | 'op'; text: string; at: number };

const bad = (why: string, at?: number): PdsError =>
  new PdsError(400, 'InvalidParameter.Query', `The input parameter query is not valid: ${why}${at === undefined ? '' : ` at position ${at}`}.`);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '=') {
      tokens.push({ kind: 'op', text: c, at: i++ });
    } else if (c === '"') {
      const start = i++;
      let text = '';
      for (;;) {
        if (i >= query.length) throw bad('unterminated string', start);
        const d = query[i++]!;
        if (d === '"') break;
        if (d === '\\') {
          const e = query[i++];
          if (e !== '"' && e !== '\\') throw bad('only \\" and \\\\ may be escaped', i - 2);
          text += e;
        } else {
          text += d;
        }
      }
      tokens.push({ kind: 'string', text, at: start });
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < query.length && /[A-Za-z0-9_]/.test(query[i]!)) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), at: start });
    } else {
      throw bad(`unexpected character '${c}'`, i);
    }
  }
  return tokens;
}

export function parseQuery(query: string): EntryFilter {
  if (query.length > MAX_QUERY_LENGTH) throw bad(`longer than ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const where = () => peek()?.at ?? query.length;

  function or(depth: number): EntryFilter {
    const items = [and(depth)];
    while (isWord(peek(), 'or')) {
      pos++;
      items.push(and(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  function and(depth: number): EntryFilter {
    const items = [factor(depth)];
    while (isWord(peek(), 'and')) {
      pos++;
      items.push(factor(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function factor(depth: number): EntryFilter {
    const t = peek();
    if (t?.kind === 'op' && t.text === '(') {
      if (depth >= MAX_DEPTH) throw bad(`more than ${MAX_DEPTH} nested parentheses`, t.at);
      pos++;
      const inner = or(depth + 1);
      const close = peek();
      if (close?.kind !== 'op' || close.text !== ')') throw bad("expected ')'", where());
      pos++;
      return inner;
    }
    return condition();
  }

  function value(): string {
    const t = peek();
    if (t?.kind !== 'string') throw bad('expected a double-quoted string', where());
    pos++;
    return t.text;
  }

  function condition(): EntryFilter {
    const field = peek();
    if (field?.kind !== 'word') throw bad('expected name, parent_file_id or type', where());
    pos++;
    const op = peek();
    const isMatch = isWord(op, 'match');
    const isEq = op?.kind === 'op' && op.text === '=';
    if (!isMatch && !isEq) throw bad("expected 'match' or '='", where());
    pos++;
    const at = where();
    const v = value();
    switch (field.text.toLowerCase()) {
      case 'name':
        if (v === '') throw bad('the name to look for is empty', at);
        return isMatch ? { kind: 'nameContains', value: v } : { kind: 'nameEquals', value: v };
      case 'parent_file_id':
        if (!isEq) throw bad("parent_file_id takes '='", op?.at);
        if (!isId(v)) throw bad('parent_file_id must be an id', at);
        return { kind: 'parent', value: v };
      case 'type':
        if (!isEq) throw bad("type takes '='", op?.at);
        if (v !== 'file' && v !== 'folder') throw bad('type is "file" or "folder"', at);
        return { kind: 'type', value: v };
      default:
        throw bad(`unknown field '${field.text}'`, field.at);
    }
  }

  if (tokens.length === 0) throw bad('it is empty');
  const filter = or(0);
  if (pos < tokens.length) throw bad(`unexpected '${tokens[pos]!.text}'`, tokens[pos]!.at);
  return filter;
}
