import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { listBin } from '../src/store/repositories/bin.repository.js';
import type { Db } from '../src/store/store.js';
import { startOn, type BenchDatabase } from './bench-database.js';
import { BENCH_ADMIN_PASSWORD } from './bench-node.js';
import type { Scale } from './scale.js';
import { seedSubtreePostgres } from './seed-postgres.js';
import { seedSubtree } from './seed.js';

export interface BinListResult {
  database: BenchDatabase;
  items: number;
  /** Items in a page of `/v2/recyclebin/list` (its largest `limit`). */
  pageSize: number;
  rounds: number;
  /** Seconds of each round, in round order. */
  salvage: number[];
  /** `trash-list` over as many `.trashinfo` files; empty when trash-cli is not installed. */
  trashList: number[];
  /** Why `trashList` is empty, if it is. */
  trashListMissing?: string;
  /**
   * Seconds of each round of the same client paging through the same answers, byte for
   * byte, from a bare `node:http` server that only hands them out: what moving and parsing
   * the pages costs by itself, the floor under any server.
   */
  bareServer: number[];
  /**
   * Seconds of each round of the same pages read straight from the store by the listing's
   * own repository call (no HTTP, no JSON, no core around it): what the database's part
   * costs by itself. With the bare server's time it is a floor under Salvage's time.
   */
  storeReads: number[];
}

const PAGE = 200;

/**
 * Issue 10 item 1, the whole-bin half: a bin of `scale.binListEntries` items listed in
 * full over HTTP, `/v2/recyclebin/list` page after page (limit 200, the marker of each
 * answer) as a client pages, next to `trash-list` (trash-cli, the freedesktop.org trash)
 * reading as many `.trashinfo` files from a trash directory of its own. The two take turns
 * going first; each round is timed from the first request (the process start) to the
 * last item.
 */
export async function benchBinList(scale: Scale, database: BenchDatabase): Promise<BinListResult> {
  const setup = await startOn(database);
  try {
    const { node } = setup;
    const { salvage, actor, databaseFile } = node;
    const drive = await salvage.drives.create(actor, { name: 'bench-bin-list', origin: 'pds' });
    const parentId = (await salvage.entries.createFolder(actor, { driveId: drive.id, parentId: 'root', name: 'binned' })).entry.id;
    const input = { driveId: drive.id, parentId, entries: scale.binListEntries, idPrefix: 'b', flat: true, binnedBefore: Date.now(), createdBy: actor.userId };
    if (database === 'sqlite') seedSubtree({ ...input, file: databaseFile });
    else {
      await seedSubtreePostgres(salvage.ctx.store, input);
      await sql`analyze entries`.execute(salvage.ctx.store.db);
    }
    const trashHome = join(node.dataDir, 'xdg');
    await writeTrashInfo(trashHome, scale.binListEntries);
    const missing = await trashListMissing();
    const token = await tokenOf(node.url);

    const result: BinListResult = { database, items: scale.binListEntries, pageSize: PAGE, rounds: scale.binListRounds, salvage: [], trashList: [], bareServer: [], storeReads: [], ...(missing && { trashListMissing: missing }) };
    // Salvage's answers, by the marker that asked for them, for the bare server to hand out.
    const answers = new Map<string, string>();
    await listWholeBin(node.url, token, drive.id, answers);
    const bare = await bareServer(answers);
    try {
      for (let round = 0; round < scale.binListRounds; round++) {
        const runs = [
          async () => {
            const t0 = performance.now();
            const n = await listWholeBin(node.url, token, drive.id);
            if (n !== scale.binListEntries) throw new Error(`the bin listed ${n} items, not ${scale.binListEntries}`);
            result.salvage.push((performance.now() - t0) / 1000);
          },
          async () => {
            const t0 = performance.now();
            const n = await readWholeBin(salvage.ctx.store.db, drive.id);
            if (n !== scale.binListEntries) throw new Error(`the store read ${n} items, not ${scale.binListEntries}`);
            result.storeReads.push((performance.now() - t0) / 1000);
          },
          async () => {
            const t0 = performance.now();
            const n = await listWholeBin(bare.url, token, drive.id);
            if (n !== scale.binListEntries) throw new Error(`the bare server listed ${n} items, not ${scale.binListEntries}`);
            result.bareServer.push((performance.now() - t0) / 1000);
          },
        async () => {
          if (missing) return;
          const t0 = performance.now();
          const n = await trashList(trashHome);
          if (n !== scale.binListEntries) throw new Error(`trash-list printed ${n} lines, not ${scale.binListEntries}`);
          result.trashList.push((performance.now() - t0) / 1000);
        },
      ];
        if (round % 2 === 1) runs.reverse();
        for (const run of runs) await run();
      }
    } finally {
      await bare.close();
    }
    return result;
  } finally {
    await setup.cleanup();
  }
}

async function tokenOf(url: string): Promise<string> {
  const res = await fetch(`${url}/v2/account/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'admin', password: BENCH_ADMIN_PASSWORD }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Pages through the bin as a client does; `keep` collects each answer by the marker that asked for it. */
async function listWholeBin(url: string, token: string, driveId: string, keep?: Map<string, string>): Promise<number> {
  let marker = '';
  let count = 0;
  do {
    const res = await fetch(`${url}/v2/recyclebin/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ drive_id: driveId, limit: PAGE, marker }),
    });
    const text = await res.text();
    keep?.set(marker, text);
    const page = JSON.parse(text) as { items: unknown[]; next_marker: string };
    count += page.items.length;
    marker = page.next_marker;
  } while (marker);
  return count;
}

/** The same pages as listWholeBin, by the repository call the listing makes (limit + 1 rows a page, as it asks). */
async function readWholeBin(db: Db, driveId: string): Promise<number> {
  let after: { key: number; id: string } | undefined;
  let count = 0;
  for (;;) {
    const rows = await listBin(db, { driveId, hiddenBefore: null, orderBy: 'trashedAt', direction: 'desc', after, limit: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    count += page.length;
    const last = page.at(-1);
    if (rows.length <= PAGE || !last) return count;
    after = { key: last.trashedAt!, id: last.id };
  }
}

/** A server that answers each listing request with the stored answer for its marker, and does nothing else. */
async function bareServer(answers: Map<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { marker } = JSON.parse(Buffer.concat(chunks).toString()) as { marker: string };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answers.get(marker));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A freedesktop.org trash (`$XDG_DATA_HOME/Trash`) holding `n` items, as trash-cli writes them. */
async function writeTrashInfo(home: string, n: number): Promise<void> {
  const info = join(home, 'Trash', 'info');
  await mkdir(info, { recursive: true });
  await mkdir(join(home, 'Trash', 'files'), { recursive: true });
  const at = new Date().toISOString().slice(0, 19);
  for (let i = 0; i < n; i += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) =>
        writeFile(join(info, `file-${i + k}.dat.trashinfo`), `[Trash Info]\nPath=/home/bench/binned/file-${i + k}.dat\nDeletionDate=${at}\n`),
      ),
    );
  }
}

async function trashListMissing(): Promise<string | undefined> {
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn('trash-list', ['--version'], { stdio: 'ignore' });
    p.on('error', () => resolve(null));
    p.on('exit', (c) => resolve(c));
  });
  return code === 0 ? undefined : 'trash-list not found: install trash-cli (Debian: apt-get install trash-cli)';
}

/** Runs trash-list on that trash alone and counts the lines it prints. */
function trashList(home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn('trash-list', [], { env: { ...process.env, XDG_DATA_HOME: home, HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    p.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines++;
    });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`trash-list exited with ${code}`))));
  });
}
