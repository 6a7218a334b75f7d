import Fastify from 'fastify';

/**
 * The yardstick of the request-cost benchmark: a bare Fastify server, defaults only, whose
 * one route answers `POST /v2/hello` with a small JSON. It runs in a process of its own,
 * as a node would, so that what a Salvage request costs on top of Fastify is the
 * difference. Prints one JSON line { url } when it serves, and stops when its stdin closes.
 */
async function main(): Promise<void> {
  const app = Fastify();
  app.post('/v2/hello', async () => ({ hello: 'world' }));
  // For the benchmark's CPU time per request; not called while load is timed.
  app.get('/cpu', async () => process.cpuUsage());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve).on('close', resolve));
  await app.close();
}

await main();
