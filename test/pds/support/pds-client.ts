import { expect } from 'vitest';
import type { TestNode } from '../../support/node.js';

// Answers are JSON of many shapes; tests read fields by name and assert on them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface PdsAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

/** A thin PDS client over Node's fetch: raw enough to send what real clients cannot. */
export class PdsClient {
  constructor(
    readonly baseUrl: string,
    public accessToken?: string,
  ) {}

  async call(path: string, body?: unknown, init: { headers?: Record<string, string>; rawBody?: string } = {}): Promise<PdsAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    if (this.accessToken && !('authorization' in headers)) headers.authorization = `Bearer ${this.accessToken}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
  }

  /** Calls and expects `status`; returns the body. */
  async ok(path: string, body: unknown, status = 200): Promise<Json> {
    const res = await this.call(path, body);
    expect(res.status, `${path} -> ${JSON.stringify(res.body)}`).toBe(status);
    expect(res.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
    return res.body;
  }

  /** Calls and expects a PDS error with this status and code. */
  async fails(path: string, body: unknown, status: number, code: string | RegExp): Promise<Json> {
    const res = await this.call(path, body);
    expect(res.status, `${path} -> ${JSON.stringify(res.body)}`).toBe(status);
    expect(res.body.code).toMatch(code instanceof RegExp ? code : new RegExp(`^${code.replace(/\./g, '\\.')}$`));
    expect(typeof res.body.message).toBe('string');
    expect(res.headers.get('x-ca-request-id')).toMatch(/^[0-9A-F-]{36}$/);
    return res.body;
  }
}

/** Signs in with the password grant and returns a client holding the access token. */
export async function signIn(node: TestNode, username = 'admin', password = 'admin-password'): Promise<PdsClient> {
  const client = new PdsClient(node.url);
  const res = await client.call('/v2/account/token', { grant_type: 'password', username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  client.accessToken = res.body.access_token as string;
  return client;
}

/** Creates, uploads and completes a file; returns the completed File. */
export async function uploadFile(pds: PdsClient, driveId: string, parentId: string, name: string, content: string | Buffer): Promise<Json> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const created = await pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parentId, name, type: 'file', size: bytes.length }, 201);
  const put = await fetch(created.part_info_list[0].upload_url as string, { method: 'PUT', body: bytes });
  expect(put.status).toBe(200);
  return pds.ok('/v2/file/complete', { drive_id: driveId, file_id: created.file_id, upload_id: created.upload_id });
}

export async function makeFolder(pds: PdsClient, driveId: string, parentId: string, name: string): Promise<Json> {
  return pds.ok('/v2/file/create', { drive_id: driveId, parent_file_id: parentId, name, type: 'folder' }, 201);
}

/** Polls a task until it leaves Running. */
export async function waitForTask(pds: PdsClient, taskId: string, timeoutMs = 20_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await pds.ok('/v2/async_task/get', { async_task_id: taskId });
    if (task.state !== 'Running') return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still Running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
