import Fastify from 'fastify';
import pg from 'pg';
import { accessTokenHash } from '../src/core/auth/tokens.service.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { findJobForCaller } from '../src/store/repositories/jobs.repository.js';

/**
 * The yardstick of the request-cost benchmark: a bare Fastify server, defaults only, whose
 * one route answers `POST /v2/hello` with a small JSON. It runs in a process of its own,
 * as a node would, so that what a Salvage request costs on top of Fastify is the
 * difference. Prints one JSON line { url } when it serves, and stops when its stdin closes.
 *
 * Given a PostgreSQL URL, it also answers `POST /v2/hello-postgres` after one round trip
 * to PostgreSQL: a named prepared `select`, through `pg` and a pool as a node's are. That
 * is the least a request that reads the database can cost there, the floor under
 * `async_task/get`. Given the node's own database URL too, it answers `POST
 * /v2/hello-read` with the one statement `async_task/get` makes (the token, the job and
 * the caller's rights, by Salvage's own repository call on a store of its own), and none
 * of the rest: the floor under that route on PostgreSQL.
 */
async function main(): Promise<void> {
  const app = Fastify();
  app.post('/v2/hello', async () => ({ hello: 'world' }));
  const [postgresUrl, salvageUrl] = process.argv.slice(2);
  const pool = postgresUrl ? new pg.Pool({ connectionString: postgresUrl, max: 10 }) : undefined;
  if (pool) {
    app.post<{ Body: { hello: string } }>('/v2/hello-postgres', async (request) => {
      const { rows } = await pool.query<{ hello: string }>({ name: 'hello', text: 'select $1::text as hello', values: [request.body.hello] });
      return { hello: rows[0]!.hello };
    });
  }
  // For the benchmark's CPU time per request; not called while load is timed.
  app.get('/cpu', async () => process.cpuUsage());
  const store = salvageUrl ? await openPostgresStore(salvageUrl) : undefined;
  if (store) {
    app.post<{ Body: { async_task_id: string } }>('/v2/hello-read', async (request) => {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const found = await findJobForCaller(store.db, { hash: accessTokenHash(token), id: Number(request.body.async_task_id) });
      return { state: found?.job?.job.state ?? null };
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve).on('close', resolve));
  await app.close();
  await pool?.end();
  await store?.close();
}

await main();
