import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web UI's production build: src/web/app -> dist/web/app, served under /ui/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  // Plain React without the React plugin: Oxc compiles JSX with the automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web/app', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP allows no inline script: keep the preload helper out of index.html.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
  },
});
