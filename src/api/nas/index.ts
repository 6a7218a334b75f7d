import type { FastifyPluginAsync } from 'fastify';
import type { Salvage } from '../../core/salvage.js';

/** The NAS dialect (`/` with `Action=`); see SPEC section 3. Filled in by issue 4. */
export const nasApi: FastifyPluginAsync<{ salvage: Salvage }> = async () => {};
