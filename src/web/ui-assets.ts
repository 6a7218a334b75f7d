import { join } from 'node:path';
import { PACKAGE_ROOT } from '../shared/package-root.js';

/** Where `npm run build` puts the built UI: dist/web/app under the package root. */
export const UI_ASSETS_DIR = join(PACKAGE_ROOT, 'dist/web/app/');
