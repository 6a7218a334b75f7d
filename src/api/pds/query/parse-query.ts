import type { BinFilter, Comparison } from '../../../store/repositories/bin-filter.js';
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
 *               | FIELD "in" "[" STRING ("," STRING)* "]"   any of them, for a FIELD that takes "="
 *   STRING     := double-quoted, with \" and \\ as escapes
 *
 * The bin's search (recyclebin/search_all) knows more fields:
 *
 *               | "trashed_at" ("<" | "<=" | ">" | ">=") STRING   an ISO 8601 time; UTC if it names no zone
 *               | "trashed_by" "=" STRING                          a user id
 *               | "original_parent_file_id" "=" STRING             deleted from that folder
 *               | "size" ("<" | "<=" | ">" | ">=" | "=") NUMBER     bytes, a whole number
 *               | "file_extension" "=" STRING                      a file whose name ends in "." STRING (ASCII case ignored)
 *               | "deletion_event_id" "=" STRING                   removed by that one trash call
 *
 * Keywords are case-insensitive; `and` binds tighter than `or`. Anything else is a 400
 * InvalidParameter.Query that names `query` and where it went wrong.
 */
export const MAX_QUERY_LENGTH = 4096;
const MAX_DEPTH = 32;
const MAX_LIST = 100;

type Token = { kind: 'word' | 'string' | 'number' | 'op'; text: string; at: number };

const bad = (why: string, at?: number): PdsError =>
  new PdsError(400, 'InvalidParameter.Query', `The input parameter query is not valid: ${why}${at === undefined ? '' : ` at position ${at}`}.`);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '<' || c === '>') {
      const op = query[i + 1] === '=' ? `${c}=` : c;
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
    } else if ('()=[],'.includes(c)) {
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
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < query.length && /[0-9]/.test(query[i]!)) i++;
      tokens.push({ kind: 'number', text: query.slice(start, i), at: start });
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

const BIN_FIELDS = ['trashed_at', 'trashed_by', 'original_parent_file_id', 'size', 'file_extension', 'deletion_event_id'];
const RANGES = ['<', '<=', '>', '>='];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 time in milliseconds; one that names no zone is UTC, as PDS times are. */
function isoTime(text: string): number | undefined {
  const m = ISO_TIME.exec(text);
  if (!m) return undefined;
  const dateOnly = !/[T ]/i.test(text);
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : m[1] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A live search's query (/v2/file/search); a field only the bin knows is refused by name. */
export function parseQuery(query: string): EntryFilter {
  return parse(query, false) as EntryFilter;
}

/** The bin's search query (/v2/recyclebin/search_all): every field. */
export function parseBinQuery(query: string): BinFilter {
  return parse(query, true);
}

function parse(query: string, bin: boolean): BinFilter {
  if (query.length > MAX_QUERY_LENGTH) throw bad(`longer than ${MAX_QUERY_LENGTH} characters`);
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const isOp = (t: Token | undefined, o: string) => t?.kind === 'op' && t.text === o;
  const where = () => peek()?.at ?? query.length;

  function or(depth: number): BinFilter {
    const items = [and(depth)];
    while (isWord(peek(), 'or')) {
      pos++;
      items.push(and(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  function and(depth: number): BinFilter {
    const items = [factor(depth)];
    while (isWord(peek(), 'and')) {
      pos++;
      items.push(factor(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function factor(depth: number): BinFilter {
    const t = peek();
    if (isOp(t, '(')) {
      if (depth >= MAX_DEPTH) throw bad(`more than ${MAX_DEPTH} nested parentheses`, t!.at);
      pos++;
      const inner = or(depth + 1);
      if (!isOp(peek(), ')')) throw bad("expected ')'", where());
      pos++;
      return inner;
    }
    return condition();
  }

  function value(): Token {
    const t = peek();
    if (t?.kind !== 'string') throw bad('expected a double-quoted string', where());
    pos++;
    return t;
  }

  /** `[ STRING, ... ]` after `in`. */
  function list(): Token[] {
    if (!isOp(peek(), '[')) throw bad("expected '[' after 'in'", where());
    pos++;
    const items = [value()];
    while (isOp(peek(), ',')) {
      pos++;
      items.push(value());
    }
    if (!isOp(peek(), ']')) throw bad("expected ',' or ']'", where());
    if (items.length > MAX_LIST) throw bad(`more than ${MAX_LIST} values in a list`, where());
    pos++;
    return items;
  }

  function condition(): BinFilter {
    const field = peek();
    if (field?.kind !== 'word') throw bad(bin ? `expected a field (name, type, ${BIN_FIELDS.join(', ')}, parent_file_id)` : 'expected name, parent_file_id or type', where());
    const name = field.text.toLowerCase();
    if (!bin && BIN_FIELDS.includes(name)) {
      throw bad(`${name} is a field of the bin's search (/v2/recyclebin/search_all), not of this one`, field.at);
    }
    pos++;
    const op = peek();
    if (isWord(op, 'in')) {
      if (name === 'trashed_at' || name === 'size') throw bad(`${name} takes ${RANGES.join(', ')}${name === 'size' ? ' or =' : ''}`, op!.at);
      pos++;
      const items = list().map((v) => equals(field, name, v));
      return items.length === 1 ? items[0]! : { kind: 'or', items };
    }
    const isMatch = isWord(op, 'match');
    if (name === 'trashed_at' || name === 'size') return range(field, name);
    if (!isMatch && !isOp(op, '=')) throw bad("expected 'match', '=' or 'in'", where());
    pos++;
    const v = value();
    if (isMatch) {
      if (name !== 'name') throw bad(`${name} takes '='`, op!.at);
      if (v.text === '') throw bad('the name to look for is empty', v.at);
      return { kind: 'nameContains', value: v.text };
    }
    return equals(field, name, v);
  }

  /** `field = v`, once its value is read. */
  function equals(field: Token, name: string, v: Token): BinFilter {
    switch (name) {
      case 'name':
        if (v.text === '') throw bad('the name to look for is empty', v.at);
        return { kind: 'nameEquals', value: v.text };
      case 'parent_file_id':
      case 'original_parent_file_id':
        if (!isId(v.text)) throw bad(`${name} must be an id`, v.at);
        return name === 'parent_file_id' ? { kind: 'parent', value: v.text } : { kind: 'origParent', value: v.text };
      case 'type':
        if (v.text !== 'file' && v.text !== 'folder') throw bad('type is "file" or "folder"', v.at);
        return { kind: 'type', value: v.text };
      case 'trashed_by':
        if (!isId(v.text)) throw bad('trashed_by must be a user id', v.at);
        return { kind: 'trashedBy', value: v.text };
      case 'deletion_event_id':
        if (!isId(v.text)) throw bad('deletion_event_id must be an id', v.at);
        return { kind: 'deletionEvent', value: v.text };
      case 'file_extension': {
        // "pdf" or ".pdf", as people write it.
        const ext = v.text.replace(/^\./, '');
        if (ext === '' || ext.length > 255) throw bad('file_extension must be 1 to 255 characters', v.at);
        // What a file's file_extension field shows: the part after its last dot.
        if (ext.includes('.')) throw bad('file_extension is what follows the last dot of a name: it holds no dot', v.at);
        return { kind: 'extension', value: ext };
      }
      default:
        throw bad(`unknown field '${field.text}'`, field.at);
    }
  }

  /** `trashed_at` and `size`: a comparison and a time or a number. */
  function range(field: Token, name: 'trashed_at' | 'size'): BinFilter {
    const op = peek();
    const ops = name === 'size' ? [...RANGES, '='] : RANGES;
    if (op?.kind !== 'op' || !ops.includes(op.text)) throw bad(`${name} takes ${ops.join(', ')}`, where());
    pos++;
    const v = peek();
    if (name === 'size') {
      if (v?.kind !== 'number') throw bad('size takes a whole number of bytes', where());
      pos++;
      const n = Number(v.text);
      if (!Number.isSafeInteger(n)) throw bad('size is too large', v.at);
      return { kind: 'size', op: op.text as Comparison, value: n };
    }
    const t = value();
    const ms = isoTime(t.text);
    if (ms === undefined) throw bad('trashed_at takes an ISO 8601 time such as "2024-05-01T12:00:00Z"', t.at);
    return { kind: 'trashedAt', op: op.text as Exclude<Comparison, '='>, value: ms };
  }

  if (tokens.length === 0) throw bad('it is empty');
  const filter = or(0);
  if (pos < tokens.length) throw bad(`unexpected '${tokens[pos]!.text}'`, tokens[pos]!.at);
  return filter;
}
