import { loadConfig, type ConfigFlags } from '../config.js';
import { flushLogger, nodeLogger } from './log-destination.js';
import { startNode } from './node.js';

/** `salvage serve`: starts a node and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(flags: ConfigFlags): Promise<void> {
  // Whatever the shell's umask, nothing this process creates (the database and its
  // -wal/-shm, blobs, credentials, directories) is readable by other local users. The
  // store and blob store set their modes too; this also covers what libraries create.
  process.umask(0o077);
  const config = loadConfig(flags);
  const logger = nodeLogger(config.logLevel);
  const node = await startNode(config, logger);
  if (node.freshAdmin) {
    // Printed once, on the start that made them; they are kept in the data directory (0600).
    process.stdout.write(
      `\nSalvage made admin credentials (kept in ${node.adminFile}):\n` +
        `  user: admin\n  password: ${node.admin.password}\n` +
        `  AccessKeyId: ${node.admin.accessKeyId}\n  AccessKeySecret: ${node.admin.accessKeySecret}\n\n`,
    );
  }
  let closing = false;
  const shutdown = async () => {
    // A second signal means "now": committed work is safe either way, and whatever the
    // first close was waiting for (a batch, a request) is redone or refused on restart.
    if (closing) process.exit(1);
    closing = true;
    try {
      await node.close();
    } catch (err) {
      process.stderr.write(`salvage: shutdown failed: ${String(err)}\n`);
      await flushLogger(logger);
      process.exit(1);
    }
    // The log is written asynchronously: what it still holds goes out first, if it can.
    await flushLogger(logger);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
