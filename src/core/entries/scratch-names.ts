import type { CoreContext } from '../context.js';

const cache = new Map<string, RegExp>();

/** A glob (`*` any run of characters, `?` one, all else literal) as an anchored regex. */
function globRegex(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    cache.set(glob, re);
  }
  return re;
}

/**
 * Whether a file name is one of the scratch files desktop clients create and delete
 * constantly (`~$report.docx`, `.~lock.x.odt#`, `._photo.jpg`, `.DS_Store`, `x.part`):
 * those are purged for good when deleted or overwritten, as Nextcloud does, or the bin
 * would be mostly made of them. The list is a setting (SALVAGE_DAV_PURGE_PATTERNS).
 */
export const isScratchName = (ctx: CoreContext, name: string): boolean =>
  ctx.settings.scratchNamePatterns.some((glob) => globRegex(glob).test(name));
