// `npm run build`'s last step: the CLI and server as one file, dist/salvage.mjs, which
// `npm start` and bin/salvage.js run. Node 20 has no module compile cache, and loading the
// ~400 compiled files and their dependencies one by one was most of a 1.5 s start; one
// file starts in about half that (docs/in-memory.md).
// `node scripts/bundle.mjs [DIR]` writes into DIR instead of dist (test/ops/bundle.test.ts).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? join(root, 'dist');

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(outDir, 'salvage.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Whitespace only: identifiers keep their names (error classes, logs).
  minifyWhitespace: true,
  logLevel: 'warning',
  // Left to Node: a native addon (better-sqlite3), what only some starts load (pg,
  // pino-pretty, the OpenAPI reference page), and packages that read files of their own
  // at run time (@fastify/swagger-ui serves its static files).
  external: ['better-sqlite3', 'pg', 'pino-pretty', '@fastify/swagger', '@fastify/swagger-ui'],
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none.
  banner: { js: "import { createRequire as __salvageRequire } from 'node:module'; const require = __salvageRequire(import.meta.url);" },
});
// The SQLite writer thread is loaded by URL beside the module that starts it.
copyFileSync(join(root, 'src/store/sqlite/write-worker.mjs'), join(outDir, 'write-worker.mjs'));
