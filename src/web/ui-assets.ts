import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the built UI: dist/web/app under the package root. The path
 * is the same whether this runs from src/web (tsx, tests) or dist/web (npm start), since
 * both are two levels below the root.
 */
export const UI_ASSETS_DIR = fileURLToPath(new URL('../../dist/web/app/', import.meta.url));
