import type { TestNode } from '../../support/node.js';

/**
 * Just enough of the PDS dialect (`/v2/...`) to make and trash files the way an app
 * would, for the NAS walkthrough. Each call throws on an answer it did not expect.
 */
export class PdsHelper {
  private constructor(
    private readonly node: TestNode,
    private readonly token: string,
  ) {}

  static async login(node: TestNode): Promise<PdsHelper> {
    const res = await fetch(`${node.url}/v2/account/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password: 'admin-password' }),
    });
    const body = (await res.json()) as { access_token?: string };
    if (res.status !== 200 || !body.access_token) throw new Error(`token grant failed: ${res.status}`);
    return new PdsHelper(node, body.access_token);
  }

  async call(path: string, body: Record<string, unknown>, expect: number): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.node.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status !== expect) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  async folder(driveId: string, parentId: string, name: string): Promise<string> {
    const made = await this.call('/v2/file/create', { drive_id: driveId, parent_file_id: parentId, name, type: 'folder' }, 201);
    return String(made.file_id);
  }

  /** create, PUT the bytes to the upload URL, complete. */
  async file(driveId: string, parentId: string, name: string, content: string): Promise<string> {
    const bytes = Buffer.from(content);
    const made = await this.call(
      '/v2/file/create',
      { drive_id: driveId, parent_file_id: parentId, name, type: 'file', size: bytes.length },
      201,
    );
    const parts = made.part_info_list as { upload_url: string }[];
    const put = await fetch(parts[0]!.upload_url, { method: 'PUT', body: bytes });
    if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
    await this.call('/v2/file/complete', { drive_id: driveId, file_id: made.file_id, upload_id: made.upload_id }, 200);
    return String(made.file_id);
  }

  async trash(driveId: string, fileId: string): Promise<void> {
    await this.call('/v2/recyclebin/trash', { drive_id: driveId, file_id: fileId }, 202);
  }
}
