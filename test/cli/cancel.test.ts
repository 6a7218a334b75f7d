import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../support/node.js';
import { cliFor, finished, spawnCli } from './support/run-cli.js';

// A node that runs no jobs: a purge stays queued for as long as the test needs it to.
describe('salvage cancel and Ctrl-C while waiting', () => {
  let node: TestNode;
  let cli: ReturnType<typeof cliFor>;
  const binned: string[] = [];

  beforeAll(async () => {
    node = await startTestNode({ jobConcurrency: 0 });
    cli = cliFor(node.url);
    const s = node.salvage;
    const me = node.adminActor;
    const drive = await s.drives.create(me, { name: 'idle', origin: 'pds' });
    for (const name of ['first', 'second']) {
      const { entry } = await s.entries.createFolder(me, { driveId: drive.id, parentId: 'root', name });
      await s.bin.trash(me, { driveId: drive.id, fileId: entry.id });
      binned.push(entry.id);
    }
  });
  afterAll(async () => node?.destroy());

  it('starts a purge without waiting, lists it as queued, and cancels it', async () => {
    const started = await cli('purge', 'idle', binned[0]!, '--no-wait', '--yes');
    expect(started.code).toBe(0);
    const jobId = /job (\d+) \(follow it with/.exec(started.stdout)?.[1];
    expect(jobId).toBeDefined();

    const queued = await cli('jobs', '--state', 'examining');
    expect(queued.stdout).toMatch(new RegExp(`^${jobId}\\s+DELETE\\s+EXAMINING\\s+0/\\d+\\s+idle\\s.*first$`, 'm'));

    const cancelled = await cli('cancel', jobId!);
    expect(cancelled.stdout).toBe(`job ${jobId}: cancelled\n`);
    expect(cancelled.code).toBe(0);
    const again = await cli('cancel', jobId!);
    expect(again.stderr).toMatch(/^salvage: JobNotCancellable: /);
    expect(again.code).toBe(1);
  });

  it('asks the server to cancel the job when Ctrl-C stops a waiting purge, and exits non-zero', async () => {
    const child = spawnCli(['purge', 'idle', binned[1]!, '--yes', '--url', node.url, '--password', 'admin-password']);
    const result = finished(child);
    // Ctrl-C once the command is waiting on the job, not before it has made one.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (c: Buffer) => {
        seen += String(c);
        if (seen.includes('Ctrl-C cancels it')) resolve();
      });
    });
    child.kill('SIGINT');
    const { code, stderr } = await result;
    expect(code).toBe(130);
    const jobId = /interrupted: asked the server to cancel job (\d+) \(now CANCELLED\)/.exec(stderr)?.[1];
    expect(jobId).toBeDefined();
    expect((await node.salvage.jobs.get(node.adminActor, jobId!)).state).toBe('cancelled');
    // A cancelled purge leaves the item in the bin, restorable.
    expect((await cli('bin', 'idle')).stdout).toMatch(/^second\/\s/m);
  });
});
