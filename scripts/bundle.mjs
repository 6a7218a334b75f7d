// `npm run build`'s last step: the CLI and server bundled, dist/salvage.mjs and its chunks,
// which `npm start` and bin/salvage.js run. Node 20 has no module compile cache, and loading the
// ~400 compiled files and their dependencies one by one was most of a 1.5 s start; the
// bundle starts in about half that (docs/in-memory.md).
// `node scripts/bundle.mjs [DIR]` writes into DIR instead of dist (test/ops/bundle.test.ts).
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.argv[2] ?? join(root, 'dist');

// Chunk names carry a hash of their content: the last build's would otherwise pile up.
rmSync(join(outDir, 'chunks'), { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outdir: outDir,
  entryNames: 'salvage',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // The server (`serve`, a dynamic import) and each client command's code in chunks of
  // their own: `salvage ls` does not parse the server, nor `serve` the client.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
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
// The SQLite writer thread is loaded by URL beside the module that starts it, which is in
// the server's chunk.
copyFileSync(join(root, 'src/store/sqlite/write-worker.mjs'), join(outDir, 'chunks/write-worker.mjs'));
