import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The docs stand alone: every link stays in the repository and reaches something there. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The repository's files: git's list, or (a copy without .git) every file but node_modules and dist. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  } catch {
    return readdirSync(ROOT, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(ROOT, join(e.parentPath, e.name)))
      .filter((f) => !/^(node_modules|dist|data|\.git)\//.test(f));
  }
}
const tracked = repositoryFiles();
const markdown = tracked.filter((f) => f.endsWith('.md'));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = (file: string): Set<string> =>
  new Set(
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => anchorOf(l.replace(/^#+ /, ''))),
  );

describe('the docs stand alone', () => {
  it('link only to files and headings in the repository', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(target!)) continue;
        if (/^[a-z]+:/i.test(target!)) {
          broken.push(`${file}: ${target} leads outside the repository`);
          continue;
        }
        const [path, anchor] = target!.split('#');
        const resolved = path ? relative(ROOT, join(ROOT, dirname(file), path)) : file;
        if (resolved.startsWith('..') || !existsSync(join(ROOT, resolved))) {
          broken.push(`${file}: ${target} is not in the repository`);
        } else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
          broken.push(`${file}: ${target} names no heading of ${resolved}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('name no file outside it', () => {
    const outside = tracked
      .filter((f) => !f.endsWith('package-lock.json') && !f.endsWith('.png') && f !== 'test/docs/links.test.ts')
      .filter((f) => /\.\.\/shared\/(SPEC|STYLE|README|seeds)|SPEC\.md|STYLE\.md/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(outside).toEqual([]);
  });
});
