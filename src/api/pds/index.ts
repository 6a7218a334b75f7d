import type { FastifyPluginAsync } from 'fastify';
import type { Salvage } from '../../core/salvage.js';

/** The PDS dialect (`/v2/...`); see SPEC section 4. Filled in by issue 3. */
export const pdsApi: FastifyPluginAsync<{ salvage: Salvage }> = async () => {};
