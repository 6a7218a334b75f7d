import { randomBytes } from 'node:crypto';
import { addToTree, getEntry, insertEntry } from '../../store/repositories/entries.repository.js';
import { countOpenUploads, insertUpload } from '../../store/repositories/uploads.repository.js';
import { requireLiveFolder, writeVisibleDrive } from '../access.js';
import type { CoreContext } from '../context.js';
import { quotaExceeded } from '../entries/create-file.js';
import { type CheckNameMode, resolveName } from '../entries/name-mode.js';
import { newEntryRow } from '../entries/new-entry.js';
import { invalidInput } from '../errors.js';
import { checkName } from '../names.js';
import { chainIds } from '../tree/locate.js';
import type { Actor, Entry } from '../types.js';
import { checkParts, highestPart, type PartRequest, type PartUrl, signPartUrls } from './part-list.js';
import { UPLOAD_URL_TTL_MS } from './upload-url.js';
import { tooManyOpenUploads, uploadRoom } from './upload-room.js';

export interface BeginUploadInput {
  driveId: string;
  parentId: string;
  name: string;
  checkNameMode?: CheckNameMode;
  /** Announced size; the content must match it. Absent: any size within the quota. */
  size?: number;
  contentType?: string;
  /** The parts the content comes in; absent: one part. More than one makes a multipart upload. */
  parts?: readonly PartRequest[];
}

export type BeginUploadResult =
  | { entry: Entry; exist: true }
  | { entry: Entry; exist: false; uploadId: string; parts: PartUrl[] };

/**
 * Starts an upload: an entry with status `uploading` takes its name in the folder at once
 * (so two uploads cannot both claim it). Its bytes count against the quota from the PUT
 * that brings them (see uploadRoom), and in used_size from complete. Content comes by PUT
 * to the signed part URLs; see receiveUploadContent. A user may have at most
 * `maxOpenUploads` uploads begun and not completed; how long one is kept is bounded by
 * its URLs' expiry (see sweepUploads and reissueUploadUrls).
 */
export async function beginUpload(ctx: CoreContext, actor: Actor, input: BeginUploadInput): Promise<BeginUploadResult> {
  const name = checkName(input.name);
  const parts = checkParts(input.parts);
  if (input.size !== undefined && (!Number.isSafeInteger(input.size) || input.size < 0)) {
    throw invalidInput('size', 'must be a non-negative integer');
  }
  const begun = await writeVisibleDrive(ctx, { actor, driveId: input.driveId, need: 'editor' }, async (w) => {
    const { tx, drive } = w;
    const parent = await requireLiveFolder(tx, { drive, id: input.parentId, field: 'parentId' });
    const mode = input.checkNameMode ?? 'ignore';
    const resolved = await resolveName(tx, { driveId: drive.id, parentId: parent.chain[0]!.id, name, type: 'file', mode });
    if (resolved.existing) return { entry: resolved.existing, exist: true as const };
    const room = await uploadRoom(tx, drive);
    if (input.size !== undefined && room >= 0 && input.size > room) throw quotaExceeded(drive);
    const max = ctx.settings.maxOpenUploads;
    // Counted under this drive's lock only: uploads begun at once on other drives may pass
    // the limit by as many; it bounds what one user can leave behind, not a race.
    if (max >= 0 && (await countOpenUploads(tx, actor.userId)) >= max) throw tooManyOpenUploads(actor.userId, max);
    const now = ctx.clock.now();
    const row = newEntryRow({
      driveId: drive.id,
      parentId: parent.chain[0]!.id,
      name: resolved.name,
      type: 'file',
      createdBy: actor.userId,
      now,
      size: input.size ?? 0,
      contentType: input.contentType || 'application/octet-stream',
      status: 'uploading',
    });
    await insertEntry(w, row);
    await addToTree(w, chainIds(parent.chain), { bytes: 0, count: 1 });
    const uploadId = randomBytes(16).toString('hex');
    const expiresAt = now + UPLOAD_URL_TTL_MS;
    await insertUpload(tx, {
      id: uploadId,
      drive_id: drive.id,
      file_id: row.id,
      user_id: actor.userId,
      declared_size: input.size ?? null,
      state: 'open',
      blob_id: null,
      size: null,
      content_hash: null,
      expires_at: expiresAt,
      created_at: now,
      updated_at: now,
      part_count: highestPart(parts),
    });
    return { entry: (await getEntry(tx, drive.id, row.id))!, exist: false as const, uploadId, expiresAt };
  });
  if (begun.exist) return begun;
  // Signed after the commit: the secret may need a write of its own (see serverSecret).
  const urls = await signPartUrls(ctx, { uploadId: begun.uploadId, parts, expiresAt: begun.expiresAt });
  return { entry: begun.entry, exist: false, uploadId: begun.uploadId, parts: urls };
}
