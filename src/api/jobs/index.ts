import type { FastifyPluginAsync } from 'fastify';
import type { Salvage } from '../../core/salvage.js';

/** The Jobs dialect (`/v1/...`, `/csrf`); see SPEC section 5. Filled in by issue 6. */
export const jobsApi: FastifyPluginAsync<{ salvage: Salvage }> = async () => {};
