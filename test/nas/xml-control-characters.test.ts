import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { eventually, startTestNode, type TestNode } from '../support/node.js';
import { makeFolder, type PdsClient, signIn, uploadFile } from '../pds/support/pds-client.js';
import { rawNas } from './support/raw.js';
import { xmlProblems, xmlProblemsOfEach } from './support/xml.js';

/**
 * Issue 13 item 8: names may hold C0 control characters (all but NUL), and an unknown
 * Action is echoed in its error; every `Format=XML` answer must still be well-formed XML
 * 1.0. Characters XML cannot carry come out as U+FFFD (docs/nas.md, XML answers); JSON
 * answers keep them exactly.
 */
const databases = await testDatabases();
const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const asXml = (name: string) => name.replace(NOT_XML, '\uFFFD');

describe.each(databases)('XML answers with C0 characters on %s', (database) => {
  let node: TestNode;
  let pds: PdsClient;
  let fs: string;
  const names = C0.slice(1).map((c, i) => `c${i + 1}-${c}-x`);
  const parser = new XMLParser({ trimValues: false, parseTagValue: false, isArray: (n) => ['Entries', 'Jobs'].includes(n) });

  beforeAll(async () => {
    node = await startTestNode({ database });
    pds = await signIn(node);
    fs = (await pds.ok('/v2/drive/create', { drive_name: 'xml' }, 201)).drive_id;
    const folders = [];
    for (const name of names) folders.push(await makeFolder(pds, fs, 'root', name));
    // A deletion inside a folder named with a control character lists that folder's path.
    const within = await uploadFile(pds, fs, folders[0]!.file_id, 'within.txt', 'w');
    expect((await pds.call('/v2/recyclebin/trash', { drive_id: fs, file_id: within.file_id })).status).toBeLessThan(300);
    const binned = await makeFolder(pds, fs, 'root', 'bin\u0001\u001b');
    await uploadFile(pds, fs, binned.file_id, 'in\u0007side.txt', 'x');
    expect((await pds.call('/v2/recyclebin/trash', { drive_id: fs, file_id: binned.file_id })).status).toBeLessThan(300);
    const doomed = await uploadFile(pds, fs, 'root', 'job\u0008\u000c.txt', 'y');
    expect((await pds.call('/v2/recyclebin/trash', { drive_id: fs, file_id: doomed.file_id })).status).toBeLessThan(300);
    const job = await rawNas(node, { action: 'CreateRecycleBinDeleteJob', params: { FileSystemId: fs, FileId: doomed.file_id } });
    expect(job.status, job.text).toBe(200);
    await eventually(async () => {
      const jobs = await rawNas(node, { action: 'ListRecycleBinJobs', params: { FileSystemId: fs } });
      return (jobs.json.Jobs as { Status: string }[]).every((j) => j.Status === 'Success') ? true : undefined;
    });
  });
  afterAll(async () => node?.destroy());

  it('lists names holding every C0 character as well-formed XML, with U+FFFD for what XML cannot carry', async () => {
    const res = await rawNas(node, { action: 'ListDirectoriesAndFiles', params: { FileSystemId: fs, Path: '/', StorageType: 'All', MaxResults: '128', Format: 'XML' } });
    expect(res.status, res.text).toBe(200);
    expect(xmlProblems(res.text)).toEqual([]);
    const entries = (parser.parse(res.text) as { ListDirectoriesAndFilesResponse: { Entries: { Name: string }[] } }).ListDirectoriesAndFilesResponse.Entries;
    // XML turns a CR (and CR LF) into LF as it reads; everything else comes back as sent.
    const lf = (s: string) => s.replace(/\r\n?/g, '\n');
    expect(entries.map((e) => lf(e.Name)).sort()).toEqual(names.map((n) => lf(asXml(n))).sort());
  });

  it('keeps JSON answers exact', async () => {
    const res = await rawNas(node, { action: 'ListDirectoriesAndFiles', params: { FileSystemId: fs, Path: '/', StorageType: 'All', MaxResults: '128' } });
    expect(res.status, res.text).toBe(200);
    expect((res.json.Entries as { Name: string }[]).map((e) => e.Name).sort()).toEqual([...names].sort());
  });

  it('answers the recycle-bin listings and the job list as well-formed XML', async () => {
    const answers = [
      await rawNas(node, { action: 'ListRecentlyRecycledDirectories', params: { FileSystemId: fs, Format: 'XML' } }),
      await rawNas(node, { action: 'ListRecycledDirectoriesAndFiles', params: { FileSystemId: fs, FileId: 'root', Format: 'XML' } }),
      await rawNas(node, { action: 'ListRecycleBinJobs', params: { FileSystemId: fs, Format: 'XML' } }),
    ];
    for (const res of answers) {
      expect(res.status, res.text).toBe(200);
      expect(xmlProblems(res.text), res.text).toEqual([]);
    }
    expect(answers[1]!.text).toContain(asXml('bin\u0001\u001b'));
    expect(answers[2]!.text).toContain(asXml('job\u0008\u000c.txt'));
    const inside = await rawNas(node, { action: 'ListRecentlyRecycledDirectories', params: { FileSystemId: fs } });
    expect((inside.json.Entries as { Path: string }[]).map((e) => e.Path)).toContain(`/${names[0]}`);
    expect(answers[0]!.text).toContain(asXml(`/${names[0]}`));
  });

  it('answers an Action holding any C0 character with a well-formed XML error', async () => {
    const texts: string[] = [];
    for (const c of C0) {
      const res = await rawNas(node, { action: `Describe${c}FileSystems`, params: { Format: 'XML' } });
      expect(res.status, JSON.stringify(c)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Error>/);
      texts.push(res.text);
    }
    const problems = xmlProblemsOfEach(texts).flatMap((p, i) => (p.length ? [`${JSON.stringify(C0[i])}: ${p.join('; ')}`] : []));
    expect(problems).toEqual([]);
  });
});
