import { loadConfig, type ConfigFlags } from '../config.js';
import { startNode } from './node.js';

/** `salvage serve`: starts a node and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(flags: ConfigFlags): Promise<void> {
  const node = await startNode(loadConfig(flags));
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
    if (closing) return;
    closing = true;
    await node.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
