import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLogFormat } from '../../src/cli/log-destination.js';
import { loadConfig } from '../../src/config.js';
import { SpawnedNode } from '../support/spawn-node.js';

const isJson = (line: string): boolean => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

/** Issue 16 item 3: what `salvage serve` prints, and the log format it picks. */
describe('salvage serve output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salvage-output-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints the credentials it made, the UI URL and each dialect endpoint; logs JSON lines when stdout is not a terminal', async () => {
    // No admin in the environment: the first start makes the credentials and prints them.
    const node = new SpawnedNode({ dataDir: join(dir, 'fresh'), env: { SALVAGE_ADMIN_PASSWORD: '', SALVAGE_ADMIN_ACCESS_KEY_ID: '', SALVAGE_ADMIN_ACCESS_KEY_SECRET: '' } });
    try {
      await node.start();
      await node.stop();
    } finally {
      await node.kill();
    }
    const out = node.output();
    const url = node.url;
    expect(out).toMatch(/Salvage made admin credentials \(kept in \S+admin-credentials\.json\):\n {2}user: admin\n {2}password: \S+\n {2}AccessKeyId: LTAI\w+\n {2}AccessKeySecret: \S+\n/);
    expect(out).toMatch(new RegExp(`Salvage is ready on ${url} \\(started in \\d+ ms\\)`));
    for (const line of [`Web UI:        ${url}/ui/`, `PDS API:       ${url}/v2/`, `Jobs API:      ${url}/v1/`, `NAS API:       ${url}/?Action=<Action>`, `OpenAPI:       ${url}/openapi.json  (reference: ${url}/docs/api)`, `Metrics:       ${url}/metrics`]) {
      expect(out).toContain(`\n  ${line}\n`);
    }
    const logLines = out.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(2);
    for (const l of logLines) expect(isJson(l), l).toBe(true);
    expect(logLines.map((l) => JSON.parse(l).msg)).toEqual(expect.arrayContaining(['salvage is ready', 'salvage started', 'salvage stopped']));
    // Stopped by its SIGTERM handler, right after /healthz first said 200: a signal in
    // the last moments of the start waits for it, it does not kill the process.
    expect(out).toMatch(/exited \(code 0, signal null\)/);
  });

  it('logs readable lines with SALVAGE_LOG_FORMAT=pretty (what a terminal gets)', async () => {
    const node = new SpawnedNode({ dataDir: join(dir, 'pretty'), env: { SALVAGE_LOG_FORMAT: 'pretty' } });
    try {
      await node.start();
      await node.stop();
    } finally {
      await node.kill();
    }
    const lines = node.output().split('\n');
    const ready = lines.find((l) => l.includes('salvage is ready'));
    expect(ready ?? node.output()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: salvage is ready/);
    expect(lines.filter(isJson)).toEqual([]);
    // Written out before the process exits.
    expect(lines.some((l) => /INFO: salvage stopped/.test(l))).toBe(true);
  });

  it('picks the format: auto is readable at a terminal and JSON otherwise; an unknown one is refused', () => {
    expect(chooseLogFormat('auto', true)).toBe('pretty');
    expect(chooseLogFormat('auto', false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
    expect(loadConfig({}, {}).logFormat).toBe('auto');
    expect(() => loadConfig({}, { SALVAGE_LOG_FORMAT: 'xml' })).toThrow("SALVAGE_LOG_FORMAT must be auto, json or pretty, got 'xml'");
  });
});
