import { startTestNode } from '../support/node.js';
const node = await startTestNode({ database: (process.env.DB as 'sqlite' | 'postgres') ?? 'sqlite' });
const d = await node.salvage.drives.create(node.adminActor, { name: 'main', origin: 'pds' });
console.log(node.url, d.id);
process.on('SIGTERM', async () => { await node.destroy(); process.exit(0); });
setInterval(() => {}, 1000);
