#!/usr/bin/env node
// The NAS recycle-bin API of Salvage, driven by Alibaba Cloud's official SDK
// (@alicloud/nas20170626), exactly as it would drive Alibaba Cloud NAS.
//
//   npm start                                   # in another terminal
//   SALVAGE_ACCESS_KEY_ID=... SALVAGE_ACCESS_KEY_SECRET=... \
//   SALVAGE_PASSWORD=... node examples/nas-recycle-bin.mjs
//
// SALVAGE_ENDPOINT defaults to 127.0.0.1:8080. The NAS API has no call that writes files,
// so the files are made and deleted through Salvage's PDS API (/v2/...), which needs the
// user's password (SALVAGE_USERNAME, default admin; SALVAGE_PASSWORD).
import * as $OpenApi from '@alicloud/openapi-client';
import NasModule, * as $Nas from '@alicloud/nas20170626';
import * as $Util from '@alicloud/tea-util';

const endpoint = process.env.SALVAGE_ENDPOINT ?? '127.0.0.1:8080';
const accessKeyId = process.env.SALVAGE_ACCESS_KEY_ID;
const accessKeySecret = process.env.SALVAGE_ACCESS_KEY_SECRET;
const username = process.env.SALVAGE_USERNAME ?? 'admin';
const password = process.env.SALVAGE_PASSWORD;
if (!accessKeyId || !accessKeySecret || !password) {
  console.error('Set SALVAGE_ACCESS_KEY_ID, SALVAGE_ACCESS_KEY_SECRET and SALVAGE_PASSWORD (see the first start of `npm start`).');
  process.exit(2);
}

// CommonJS package: under Node's ESM loader the client class is the default export's `default`.
const NasClient = NasModule.default ?? NasModule;
const nas = new NasClient(new $OpenApi.Config({ accessKeyId, accessKeySecret, endpoint, protocol: 'http', regionId: 'cn-hangzhou' }));
const runtime = () => new $Util.RuntimeOptions({ autoretry: false, maxAttempts: 0 });
const step = (text) => console.log(`\n> ${text}`);

/** The PDS API, for what NAS cannot do: make and trash files. */
async function pds(path, body, token) {
  const res = await fetch(`http://${endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${answer.code}: ${answer.message}`);
  return answer;
}

step('CreateFileSystem (its recycle bin starts disabled, as on NAS)');
const fs = (await nas.createFileSystemWithOptions(new $Nas.CreateFileSystemRequest({ protocolType: 'NFS', storageType: 'Performance', description: 'example' }), runtime())).body.fileSystemId;
console.log(`  FileSystemId ${fs}`);

step('EnableRecycleBin with ReservedDays 7');
await nas.enableRecycleBinWithOptions(new $Nas.EnableRecycleBinRequest({ fileSystemId: fs, reservedDays: 7 }), runtime());

step('Make /reports/q1.txt and /reports/old/ through the PDS API, then delete both');
const { access_token: token } = await pds('/v2/account/token', { grant_type: 'password', username, password });
const reports = (await pds('/v2/file/create', { drive_id: fs, parent_file_id: 'root', name: 'reports', type: 'folder' }, token)).file_id;
const old = (await pds('/v2/file/create', { drive_id: fs, parent_file_id: reports, name: 'old', type: 'folder' }, token)).file_id;
const bytes = Buffer.from('revenue: 42\n');
const file = await pds('/v2/file/create', { drive_id: fs, parent_file_id: reports, name: 'q1.txt', type: 'file', size: bytes.length }, token);
await fetch(file.part_info_list[0].upload_url, { method: 'PUT', body: bytes });
await pds('/v2/file/complete', { drive_id: fs, file_id: file.file_id, upload_id: file.upload_id }, token);
await pds('/v2/recyclebin/trash', { drive_id: fs, file_id: file.file_id }, token);
await pds('/v2/recyclebin/trash', { drive_id: fs, file_id: old }, token);

step('GetRecycleBinAttribute');
const attr = (await nas.getRecycleBinAttributeWithOptions(new $Nas.GetRecycleBinAttributeRequest({ fileSystemId: fs }), runtime())).body.recycleBinAttribute;
console.log(`  ${attr.status}, ${attr.reservedDays} days, ${attr.size} bytes in the bin`);

step('ListRecentlyRecycledDirectories: where were things deleted from?');
const dirs = (await nas.listRecentlyRecycledDirectoriesWithOptions(new $Nas.ListRecentlyRecycledDirectoriesRequest({ fileSystemId: fs }), runtime())).body.entries;
for (const d of dirs) console.log(`  ${d.path} (FileId ${d.fileId}), last deletion ${d.lastDeleteTime}`);

step(`ListRecycledDirectoriesAndFiles in ${dirs[0].path}`);
const items = (await nas.listRecycledDirectoriesAndFilesWithOptions(new $Nas.ListRecycledDirectoriesAndFilesRequest({ fileSystemId: fs, fileId: dirs[0].fileId }), runtime())).body.entries;
for (const e of items) console.log(`  ${e.type} ${e.name} (${e.size} bytes), deleted ${e.deleteTime}`);

step('CreateRecycleBinRestoreJob: q1.txt back into /reports');
const restore = (await nas.createRecycleBinRestoreJobWithOptions(new $Nas.CreateRecycleBinRestoreJobRequest({ fileSystemId: fs, fileId: file.file_id, targetFileId: reports }), runtime())).body.jobId;
console.log(`  JobId ${restore}`);

step('CreateRecycleBinDeleteJob: old/ gone for good');
const del = (await nas.createRecycleBinDeleteJobWithOptions(new $Nas.CreateRecycleBinDeleteJobRequest({ fileSystemId: fs, fileId: old }), runtime())).body.jobId;
console.log(`  JobId ${del}`);

step('ListRecycleBinJobs until no job is Running');
for (;;) {
  const jobs = (await nas.listRecycleBinJobsWithOptions(new $Nas.ListRecycleBinJobsRequest({ fileSystemId: fs }), runtime())).body.jobs;
  if (jobs.every((j) => j.status !== 'Running')) {
    for (const j of jobs) console.log(`  job ${j.id}: ${j.type} ${j.fileName} -> ${j.status} (${j.progress}%)`);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}

step('ListDirectoriesAndFiles /reports');
const live = (await nas.listDirectoriesAndFilesWithOptions(new $Nas.ListDirectoriesAndFilesRequest({ fileSystemId: fs, path: '/reports', storageType: 'All' }), runtime())).body.entries;
for (const e of live) console.log(`  ${e.type} ${e.name} (${e.size} bytes)`);

step('Errors come back as the SDK expects them');
try {
  await nas.cancelRecycleBinJobWithOptions(new $Nas.CancelRecycleBinJobRequest({ jobId: del }), runtime());
} catch (err) {
  console.log(`  ${err.code}: ${err.data?.Message}`);
}

step('DeleteFileSystem');
await nas.deleteFileSystemWithOptions(new $Nas.DeleteFileSystemRequest({ fileSystemId: fs }), runtime());
console.log('  done');
