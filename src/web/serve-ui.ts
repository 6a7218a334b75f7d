import type { FastifyPluginAsync } from 'fastify';

/** Serves the built web UI under `/ui/`. Filled in by issue 6. */
export const webUi: FastifyPluginAsync = async () => {};
