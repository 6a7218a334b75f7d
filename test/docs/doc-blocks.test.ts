import { describe, expect, it } from 'vitest';
import { compareOutput, shellBlocks } from './support/doc-blocks.js';

describe('reading the docs for shell blocks', () => {
  it('finds marked blocks, their output, and the blocks nobody marked', () => {
    const md = [
      '<!-- doc-test: run -->',
      '```sh',
      'echo hi',
      '```',
      '',
      '<!-- doc-test: output -->',
      '```text',
      'hi',
      '```',
      '<!-- doc-test: not run: it installs packages -->',
      '```sh',
      'npm install',
      '```',
      '```sh',
      'forgotten',
      '```',
      '```js',
      'not a shell block',
      '```',
      '<!-- doc-test: output -->',
      '```text',
      'stray',
      '```',
    ].join('\n');
    const { blocks, unmarked, stray } = shellBlocks(md);
    expect(blocks).toEqual([
      { line: 2, code: 'echo hi', run: true, reason: '', output: 'hi' },
      { line: 11, code: 'npm install', run: false, reason: 'it installs packages' },
    ]);
    expect(unmarked).toEqual([{ line: 14 }]);
    expect(stray).toEqual([21]);
  });

  it('compares output line by line, with <...> for any text and ... for any lines', () => {
    expect(compareOutput('created drive <id>\nok', 'created drive 0a1b\nok\n')).toBe('');
    expect(compareOutput('a\n...\nz', 'a\nb\nc\nz')).toBe('');
    expect(compareOutput('a\n...\nz', 'a\nz')).toBe('');
    expect(compareOutput('[1, 2]', '[1, 2]')).toBe('');
    expect(compareOutput('a\nb', 'a\nc')).toBe('line 2: documented "b", printed "c"');
    expect(compareOutput('a', 'a\nb')).toBe('line 2: documented "(end)", printed "b"');
    // `<...>` never spans lines, and literal text stays literal.
    expect(compareOutput('x <id> y', 'x 1\n2 y')).not.toBe('');
    expect(compareOutput('a.c', 'abc')).not.toBe('');
  });
});
