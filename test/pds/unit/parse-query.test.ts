import { describe, expect, it } from 'vitest';
import { PdsError } from '../../../src/api/pds/errors.js';
import { parseQuery } from '../../../src/api/pds/query/parse-query.js';

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
    ['name', "expected 'match' or '='"],
    ['name match', 'double-quoted string'],
    ['name match "x" and', 'expected name'],
    ['name match "x" name match "y"', "unexpected 'name'"],
    ['(name = "x"', "expected ')'"],
    ['name = "x")', "unexpected ')'"],
    ['size = "1"', "unknown field 'size'"],
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
