import { describe, expect, it } from 'vitest';
import { PdsError } from '../../../src/api/pds/errors.js';
import { parseBinQuery, parseQuery } from '../../../src/api/pds/query/parse-query.js';

describe('PDS search query language', () => {
  it('parses conditions, and binds and tighter than or', () => {
    expect(parseQuery('name match "rep"')).toEqual({ kind: 'nameContains', value: 'rep' });
    expect(parseQuery('NAME = "a \\"b\\" \\\\ c"')).toEqual({ kind: 'nameEquals', value: 'a "b" \\ c' });
    expect(parseQuery('type = "folder" and parent_file_id = "root" or name match "x"')).toEqual({
      kind: 'or',
      items: [
        { kind: 'and', items: [{ kind: 'type', value: 'folder' }, { kind: 'parent', value: 'root' }] },
        { kind: 'nameContains', value: 'x' },
      ],
    });
    expect(parseQuery('type = "file" AND (name = "a" OR name = "b")')).toEqual({
      kind: 'and',
      items: [{ kind: 'type', value: 'file' }, { kind: 'or', items: [{ kind: 'nameEquals', value: 'a' }, { kind: 'nameEquals', value: 'b' }] }],
    });
  });

  it.each([
    ['', 'empty'],
    ['name', "expected 'match', '=' or 'in'"],
    ['name match', 'double-quoted string'],
    ['name match "x" and', 'expected name'],
    ['name match "x" name match "y"', "unexpected 'name'"],
    ['(name = "x"', "expected ')'"],
    ['name = "x")', "unexpected ')'"],
    ['colour = "1"', "unknown field 'colour'"],
    ['size = 1', "size is a field of the bin's search"],
    ['trashed_at > "2024-01-01"', "trashed_at is a field of the bin's search"],
    ['type = "link"', 'type is'],
    ['type match "file"', "type takes '='"],
    ['parent_file_id = "a/b"', 'must be an id'],
    ['name = "x\\n"', 'escaped'],
    ['name = "open', 'unterminated'],
    ['name != "x"', "unexpected character '!'"],
    ['name = ""', 'empty'],
    ['('.repeat(40) + 'name = "x"' + ')'.repeat(40), 'nested'],
  ])('refuses %j, naming query (%s)', (query, why) => {
    let error: unknown;
    try {
      parseQuery(query);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PdsError);
    const e = error as PdsError;
    expect([e.status, e.code]).toEqual([400, 'InvalidParameter.Query']);
    expect(e.message).toContain('query');
    expect(e.message).toContain(why);
  });
});

describe("the bin's search query language", () => {
  it('parses the bin fields, times in UTC unless they name a zone, and lists as or', () => {
    expect(parseBinQuery('trashed_at >= "2024-05-01T12:00:00Z"')).toEqual({ kind: 'trashedAt', op: '>=', value: Date.UTC(2024, 4, 1, 12) });
    expect(parseBinQuery('trashed_at < "2024-05-01"')).toEqual({ kind: 'trashedAt', op: '<', value: Date.UTC(2024, 4, 1) });
    expect(parseBinQuery('trashed_at > "2024-05-01T12:00"')).toEqual({ kind: 'trashedAt', op: '>', value: Date.UTC(2024, 4, 1, 12) });
    expect(parseBinQuery('trashed_at <= "2024-05-01T12:00:00+02:00"')).toEqual({ kind: 'trashedAt', op: '<=', value: Date.UTC(2024, 4, 1, 10) });
    expect(parseBinQuery('size>10 and size<=20')).toEqual({
      kind: 'and',
      items: [{ kind: 'size', op: '>', value: 10 }, { kind: 'size', op: '<=', value: 20 }],
    });
    expect(parseBinQuery('file_extension in ["pdf", ".DOC"]')).toEqual({
      kind: 'or',
      items: [{ kind: 'extension', value: 'pdf' }, { kind: 'extension', value: 'DOC' }],
    });
    expect(parseBinQuery('trashed_by = "u-1" and original_parent_file_id = "root"')).toEqual({
      kind: 'and',
      items: [{ kind: 'trashedBy', value: 'u-1' }, { kind: 'origParent', value: 'root' }],
    });
  });

  it.each([
    ['size > 1.5', "unexpected character '.'"],
    ['size > 99999999999999999999', 'too large'],
    ['trashed_at > "2024-13-45"', 'ISO 8601'],
    ['file_extension = ""', '1 to 255'],
    ['file_extension in []', 'double-quoted string'],
    ['size in ["1"]', 'size takes'],
  ])('refuses %j (%s)', (query, why) => {
    expect(() => parseBinQuery(query)).toThrow(why);
  });
});
