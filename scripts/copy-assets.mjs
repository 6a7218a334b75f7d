// Files the TypeScript build does not emit but the built server loads: the SQLite writer
// thread is plain JavaScript, so that it runs unbuilt under tsx and the test runner too.
import { copyFileSync } from 'node:fs';

copyFileSync('src/store/sqlite/write-worker.mjs', 'dist/store/sqlite/write-worker.mjs');
