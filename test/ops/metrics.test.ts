import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn, uploadFile, waitForTask } from '../pds/support/pds-client.js';

const databases = await testDatabases();

const scrape = async (node: TestNode, headers: Record<string, string> = {}) => {
  const res = await fetch(`${node.url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** The value of one sample line, `name{labels} value`; undefined when absent. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
};

/** Issue 16 item 5: /metrics in the Prometheus text format, on a real server. */
describe.each(databases)('GET /metrics on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let driveId: string;
  beforeAll(async () => {
    node = await startTestNode({ database, metricsDrives: 1 });
    pds = await signIn(node);
    driveId = (await pds.ok('/v2/drive/create', { drive_name: 'metrics-a', owner: node.adminActor.userId, total_size: -1 }, 201)).drive_id as string;
  });
  afterAll(async () => node?.destroy());

  it('counts requests by dialect, operation (the route, never the raw URL) and status, with latency histograms', async () => {
    await pds.ok('/v2/drive/get', { drive_id: driveId });
    await pds.fails('/v2/file/get', { drive_id: driveId, file_id: 'no-such-file' }, 404, /^NotFound/);
    await fetch(`${node.url}/v2/no/such/path-7f3a9`, { method: 'POST' });
    await fetch(`${node.url}/?Action=NoSuchAction-5e1d`);
    await fetch(`${node.url}/v1/jobs`);
    await fetch(`${node.url}/csrf`);
    const { status, type, text } = await scrape(node);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'pds', operation: '/v2/drive/get', status: '200' })).toBe(1);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'pds', operation: '/v2/file/get', status: '404' })).toBe(1);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'pds', operation: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'nas', operation: 'unknown' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'jobs', operation: 'GET /v1/jobs', status: '401' })).toBe(1);
    expect(sample(text, 'salvage_http_requests_total', { dialect: 'jobs', operation: 'GET /csrf', status: '200' })).toBe(1);
    // Raw paths and unknown action names never become labels.
    expect(text).not.toContain('path-7f3a9');
    expect(text).not.toContain('NoSuchAction-5e1d');
    expect(sample(text, 'salvage_http_request_duration_seconds_count', { dialect: 'pds', operation: '/v2/drive/get' })).toBe(1);
    expect(sample(text, 'salvage_http_request_duration_seconds_bucket', { dialect: 'pds', operation: '/v2/drive/get', le: '+Inf' })).toBe(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('reports jobs by type and state, purge and restore throughput, and bin bytes and items per drive (the largest bins labelled)', async () => {
    const other = (await pds.ok('/v2/drive/create', { drive_name: 'metrics-b', owner: node.adminActor.userId, total_size: -1 }, 201)).drive_id as string;
    const big = await uploadFile(pds, driveId, 'root', 'big.txt', 'x'.repeat(5000));
    const small = await uploadFile(pds, other, 'root', 'small.txt', 'y'.repeat(10));
    const folder = await makeFolder(pds, driveId, 'root', 'gone');
    await uploadFile(pds, driveId, folder.file_id as string, 'inside.txt', 'z');
    for (const [d, f] of [[driveId, big.file_id], [other, small.file_id], [driveId, folder.file_id]] as const) {
      await pds.ok('/v2/recyclebin/trash', { drive_id: d, file_id: f }, 202);
    }
    let text = (await scrape(node)).text;
    // metricsDrives: 1: only the drive with the largest bin is labelled; the other is summed.
    expect(sample(text, 'salvage_bin_bytes', { drive: driveId })).toBe(5001);
    expect(sample(text, 'salvage_bin_items', { drive: driveId })).toBe(2);
    expect(sample(text, 'salvage_bin_bytes', { drive: other })).toBeUndefined();
    expect(sample(text, 'salvage_bin_bytes', { drive: '_other' })).toBe(10);

    // A restore done at once (no other job on the drive) counts as a queued one would.
    const restored = await pds.ok('/v2/recyclebin/restore', { drive_id: driveId, file_id: big.file_id }, 202);
    await waitForTask(pds, restored.async_task_id as string);
    const purged = await pds.ok('/v2/file/delete', { drive_id: driveId, file_id: folder.file_id }, 202);
    await waitForTask(pds, purged.async_task_id as string);
    text = await eventually(async () => {
      const t = (await scrape(node)).text;
      return (sample(t, 'salvage_purged_entries_total') ?? 0) >= 2 && (sample(t, 'salvage_restored_items_total') ?? 0) >= 1 ? t : undefined;
    });
    expect(sample(text, 'salvage_purged_entries_total')).toBe(2);
    expect(sample(text, 'salvage_restored_items_total')).toBe(1);
    expect(sample(text, 'salvage_job_items_processed_total', { type: 'delete' })).toBe(2);
    expect(sample(text, 'salvage_jobs', { type: 'delete', state: 'succeeded' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'salvage_jobs', { type: 'restore', state: 'succeeded' })).toBeGreaterThanOrEqual(1);
  });

  it('serves every metric docs/metrics.md names, and every query there names served metrics', async () => {
    const docs = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    const text = (await scrape(node)).text;
    const served = new Set(text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
    const named = new Set([...docs.matchAll(/\b((?:salvage|nodejs)_[a-z0-9_]*[a-z0-9])(?![a-z0-9_*])/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, '')));
    expect(named.size).toBeGreaterThan(8);
    for (const name of named) expect(served.has(name) || served.has(name.replace(/_total$/, '')), name).toBe(true);
  });
});

describe('GET /metrics with SALVAGE_METRICS_TOKEN', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ metricsToken: 'scrape-secret' });
  });
  afterAll(async () => node?.destroy());

  it('wants the bearer token; without it or with a wrong one, 401 and no figures', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'Basic c2NyYXBlLXNlY3JldA==' }] as Record<string, string>[]) {
      const res = await scrape(node, headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'Unauthorized' });
      expect(res.text).not.toContain('salvage_http_requests_total');
    }
    const res = await scrape(node, { authorization: 'Bearer scrape-secret' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('salvage_http_requests_total');
  });
});
