import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Salvage } from '../../core/salvage.js';
import { type Actor, type Entry, FINISHED_STATES, type SeenDrive } from '../../core/types.js';
import { DavError } from './errors.js';
import { type DavTarget, lockPath } from './target.js';

/** One WebDAV request, authenticated, with what its URL names. */
export interface DavCall {
  req: FastifyRequest;
  reply: FastifyReply;
  salvage: Salvage;
  actor: Actor;
  target: DavTarget;
}

/** The raw request body: the plugin's parser hands the stream on untouched. */
export const bodyOf = (req: FastifyRequest): Readable => (req.body as Readable | undefined) ?? req.raw;

/** A path in a drive, and the live entry there if there is one. */
export interface Resource {
  drive: SeenDrive;
  driveRef: string;
  segments: string[];
  /** The lock path (locks.service.ts). */
  path: string;
  entry: Entry | undefined;
  /** The folder the path is in, if it exists (undefined for a drive's root). */
  parent: Entry | undefined;
}

/** The resource at a path of a drive already found. */
export async function resourceIn(salvage: Salvage, actor: Actor, at: { drive: SeenDrive; driveRef: string; segments: string[] }): Promise<Resource> {
  const { parent, entry } = await salvage.dav.lookupPath(actor, { driveId: at.drive.id, names: at.segments });
  return { ...at, path: lockPath(at.segments), entry, parent };
}

/** The resource a `files` target names. */
export async function resourceOf(salvage: Salvage, actor: Actor, t: { driveRef: string; segments: string[] }): Promise<Resource> {
  const drive = await salvage.dav.findDrive(actor, t.driveRef);
  return resourceIn(salvage, actor, { drive, driveRef: t.driveRef, segments: t.segments });
}

/** The request's own resource; only for methods on files. */
export async function ownResource(call: DavCall): Promise<Resource> {
  const t = call.target;
  if (t.area !== 'files') throw new DavError(405, 'this method is not allowed here');
  return resourceOf(call.salvage, call.actor, t);
}

/** The folder a new resource goes in: live and a folder, or 409 (RFC 4918 9.3.1, 9.7.1). */
export function parentFolder(r: Resource): Entry {
  if (!r.parent || r.parent.type !== 'folder') throw new DavError(409, 'the parent folder does not exist');
  return r.parent;
}

/** An entry's ETag: changes with every write to it (a replaced file is a new entry). */
export const etagOf = (e: { id: string; updatedAt: number; size: number }): string => `"${e.id}-${e.updatedAt.toString(36)}-${e.size.toString(36)}"`;

/** How long an answer waits for the core job it started (a folder's copy, a queued restore). */
const JOB_WAIT_MS = 10 * 60_000;

/** A WebDAV client expects the work done when answered; the core does some of it as a job. */
export async function waitForJob(call: DavCall, jobId: number): Promise<void> {
  const deadline = Date.now() + JOB_WAIT_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    const job = await call.salvage.jobs.get(call.actor, String(jobId));
    if (FINISHED_STATES.includes(job.state)) {
      if (job.state !== 'succeeded') throw new DavError(500, `job ${jobId} ended ${job.state}: ${job.errorMessage ?? ''}`);
      return;
    }
    if (Date.now() > deadline) throw new DavError(504, `the work goes on as job ${jobId}`);
    await new Promise((r) => setTimeout(r, pause));
  }
}
