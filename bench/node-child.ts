import { startBenchNode } from './bench-node.js';

/**
 * A second node, in a process of its own, on the database of the first: what a second
 * machine would run. Prints one JSON line { url } when it serves, and stops when its stdin
 * closes (the parent ending, on purpose or not, closes it).
 *
 * argv: <dataDir> <databaseUrl>
 */
async function main(): Promise<void> {
  const [dataDir, databaseUrl] = process.argv.slice(2);
  if (!dataDir || !databaseUrl) throw new Error('usage: node-child <dataDir> <databaseUrl>');
  const node = await startBenchNode(dataDir, { databaseUrl });
  process.stdout.write(`${JSON.stringify({ url: node.url })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve).on('close', resolve));
  await node.close();
}

await main();
