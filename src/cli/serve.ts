import { loadConfig, type ConfigFlags } from '../config.js';
import { banner, printToStdout } from './banner.js';
import { inMemoryPlace } from './in-memory.js';
import { flushLogger, nodeLogger } from './log-destination.js';
import { type RunningNode, startNode } from './node.js';

/** `salvage serve`: starts a node and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(flags: ConfigFlags): Promise<void> {
  // Whatever the shell's umask, nothing this process creates (the database and its
  // -wal/-shm, blobs, credentials, directories) is readable by other local users. The
  // store and blob store set their modes too; this also covers what libraries create.
  process.umask(0o077);
  // Listened for from the start: a node answers /healthz before startNode returns, and a
  // SIGTERM in that window took the default action (killed, its last log lines lost). A
  // signal before the node is up stops it once it is; a second one exits at once.
  let node: RunningNode | undefined;
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) process.exit(1);
    if (node) void shutdown(node);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const loaded = loadConfig(flags);
  if (flags.inMemory && (flags.dataDir !== undefined || flags.databaseUrl !== undefined)) {
    throw new Error('--in-memory keeps everything in a temporary folder: it takes no --data-dir or --database-url');
  }
  // A bad seed file is reported before anything is opened or created.
  // Loaded only then: TypeBox is a tenth of the modules a start loads.
  const seed = loaded.seedFile ? { file: loaded.seedFile, data: await (await import('./seed/seed-file.js')).readSeedFile(loaded.seedFile) } : undefined;
  const config = loaded.inMemory ? { ...loaded, ...inMemoryPlace() } : loaded;
  const logger = nodeLogger(config.logLevel, config.logFormat);
  node = await startNode(config, logger, seed);
  if (node.freshAdmin && !config.inMemory) {
    // Printed once, on the start that made them; they are kept in the data directory (0600).
    printToStdout(
      `\nSalvage made admin credentials (kept in ${node.adminFile}):\n` +
        `  user: admin\n  password: ${node.admin.password}\n` +
        `  AccessKeyId: ${node.admin.accessKeyId}\n  AccessKeySecret: ${node.admin.accessKeySecret}\n\n`,
    );
  } else if (node.freshAdmin) {
    // In memory they die with the process: nothing is kept, every start prints them.
    printToStdout(`\nAdmin credentials of this in-memory server:\n  user: admin\n  password: ${node.admin.password}\n  AccessKeyId: ${node.admin.accessKeyId}\n  AccessKeySecret: ${node.admin.accessKeySecret}\n\n`);
  }
  // From the process start: module loading is most of a start, and what a CI user waits for.
  const startedInMs = Math.round(process.uptime() * 1000);
  // CPU time of this thread and the writer's so far: what the start costs on an idle machine,
  // however loaded this one is.
  const cpu = process.cpuUsage();
  const startCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const notes = [
    ...(config.inMemory ? [`In memory: everything is in ${config.dataDir} and is removed on exit.`] : []),
    ...(node.seeded ? [`Seeded from ${seed!.file}: ${node.seeded.users} users, ${node.seeded.drives} drives, ${node.seeded.entries} entries, ${node.seeded.binItems} bin items.`] : []),
    ...(config.testHooks ? ['Test hooks on: POST /_salvage/clock moves this server\'s clock (never use this in production).'] : []),
  ];
  printToStdout(banner(node.url, startedInMs, notes));
  logger.info({ startedInMs, startCpuMs, inMemory: config.inMemory, testHooks: config.testHooks, seeded: node.seeded }, 'salvage started');
  if (signals > 0) void shutdown(node);

  async function shutdown(running: RunningNode): Promise<void> {
    // Committed work is safe however the process ends; whatever this close waits for (a
    // batch, a request) is redone or refused on restart if a second signal cuts it short.
    try {
      await running.close();
    } catch (err) {
      process.stderr.write(`salvage: shutdown failed: ${String(err)}\n`);
      await flushLogger(logger);
      process.exit(1);
    }
    // The log is written asynchronously: what it still holds goes out first, if it can.
    await flushLogger(logger);
    process.exit(0);
  }
}
