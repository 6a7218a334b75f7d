import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyPluginAsync } from 'fastify';
import type { AdjustableClock } from '../core/clock.js';
import type { Salvage } from '../core/salvage.js';

/** A century: more than any retention period, less than what overflows a date. */
const MAX_ADVANCE_SEC = 100 * 366 * 86_400;

const AdvanceClock = Type.Object({ advance_sec: Type.Integer({ minimum: 0, maximum: MAX_ADVANCE_SEC }) }, { additionalProperties: false });

/**
 * Hooks for test suites, registered only under `salvage serve --test-hooks` (otherwise
 * these paths are 404 like any unknown path). They need no credentials: a server started
 * with them is a throwaway one on a test machine (docs/in-memory.md).
 */
export const testHooks: FastifyPluginAsync<{ salvage: Salvage; clock: AdjustableClock }> = async (app, { salvage, clock }) => {
  app.post('/_salvage/clock', async (req, reply) => {
    // Checked here, not by the route's schema: Fastify's validator would coerce "60" to 60
    // and drop unknown fields, and a test should learn of its typo.
    const body = req.body ?? {};
    if (!Value.Check(AdvanceClock, body)) {
      const first = [...Value.Errors(AdvanceClock, body)][0];
      const message = `The body must be {"advance_sec": <integer 0-${MAX_ADVANCE_SEC}>}: ${first ? `${first.path || 'body'}: ${first.message}` : 'not an object'}.`;
      return reply.code(400).send({ code: 'InvalidRequest', message });
    }
    clock.advance(body.advance_sec * 1000);
    // Items past their retention are found now, not at the next retention tick.
    await salvage.bin.queueExpiryJobs();
    salvage.ctx.wakeEngine();
    return { now: new Date(clock.now()).toISOString(), offset_sec: Math.floor(clock.offset / 1000) };
  });
};
