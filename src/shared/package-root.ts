import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Salvage's package.json, found by walking up from this module. A fixed
 * relative path would not do: this module runs from src/shared (tsx, the tests), from
 * dist/shared (the compiled files) and from a chunk of the bundle `npm start` runs
 * (dist/salvage.mjs and dist/chunks/), in which every module shares its chunk's URL).
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'salvage') return dir;
    if (dirname(dir) === dir) throw new Error(`Salvage's package.json is not above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
