import { autoRenameTag, firstFree, restoredTag, type Tag } from './naming.js';

export const ROOT = 'root';

export interface ModelEntry {
  id: string;
  name: string;
  type: 'file' | 'folder';
  size: number;
  blobId: string | null;
  /** null for root, and for a trash root whose folder was purged (detached). */
  parentId: string | null;
  /** Set on trash roots only; what is below one is in the bin through it. */
  trashedAt: number | null;
  /** The deletion event of a trash root (one trash call, or several sharing its id). */
  eventId?: string | null;
}

/** A drive's retention lock (issue 14 item 5); every item the model trashes is young enough to be held. */
export interface ModelLock {
  mode: 'governance' | 'compliance';
  minDays: number;
}

export type Where = 'live' | 'binned' | 'gone';

export type CreateMode = 'ignore' | 'auto_rename' | 'refuse';

export type CreatePlan = { refused: string } | { existing: ModelEntry } | { name: string };

/** Learns the id of a folder the system made (a restore re-makes missing folders). */
export type Adopt = (parentId: string, name: string) => Promise<string>;

/**
 * The reference: one drive's tree and bin as plain maps, and the rules of SPEC section 2
 * applied to them one operation at a time. It models settled states only (every job
 * finished), so every trash root in it is visible in the bin.
 */
export class TreeModel {
  readonly entries = new Map<string, ModelEntry>();
  /** Every id seen in this run, gone ones too: targets that must be refused. */
  readonly known: string[] = [ROOT];
  /** How the last restore found its destination, for the suite's coverage report. */
  lastRestoreRoute: 'original' | 'root' | 'remade' = 'original';
  /** Every blob this run wrote, to check the blob directory against. */
  readonly blobsEverWritten = new Set<string>();
  /** The drive's retention lock: it holds every bin item of a run (all trashed minutes ago). */
  lock: ModelLock | null = null;
  /** Deletion events of this run, oldest first, restored or purged ones too. */
  readonly events: string[] = [];

  constructor() {
    this.entries.set(ROOT, { id: ROOT, name: '', type: 'folder', size: 0, blobId: null, parentId: null, trashedAt: null });
  }

  add(entry: ModelEntry): void {
    this.entries.set(entry.id, entry);
    this.known.push(entry.id);
    if (entry.blobId) this.blobsEverWritten.add(entry.blobId);
  }

  /** The entry and its ancestors, nearest first. */
  chain(id: string): ModelEntry[] {
    const out: ModelEntry[] = [];
    for (let e = this.entries.get(id); e; e = e.parentId === null ? undefined : this.entries.get(e.parentId)) out.push(e);
    return out;
  }

  where(id: string): Where {
    const chain = this.chain(id);
    if (chain.length === 0) return 'gone';
    if (chain.some((e) => e.trashedAt !== null)) return 'binned';
    return chain[chain.length - 1]!.id === ROOT ? 'live' : 'gone';
  }

  /** What a listing of the folder shows: its children that are not trash roots. */
  childrenOf(parentId: string): ModelEntry[] {
    return [...this.entries.values()].filter((e) => e.parentId === parentId && e.trashedAt === null);
  }

  liveChild(parentId: string, name: string): ModelEntry | undefined {
    return this.childrenOf(parentId).find((e) => e.name === name);
  }

  freeName(parentId: string, name: string, type: 'file' | 'folder', tag: Tag): string {
    return firstFree(new Set(this.childrenOf(parentId).map((e) => e.name)), name, type, tag);
  }

  idsWhere(where: Where): string[] {
    return [...this.entries.keys()].filter((id) => this.where(id) === where);
  }

  liveFolders(): string[] {
    return this.idsWhere('live').filter((id) => this.entries.get(id)!.type === 'folder');
  }

  binnedFolders(): string[] {
    return this.idsWhere('binned').filter((id) => this.entries.get(id)!.type === 'folder');
  }

  /** Trash roots, newest first; equal times by id, descending. */
  binRoots(): ModelEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.trashedAt !== null)
      .sort((a, b) => b.trashedAt! - a.trashedAt! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** used_size: bytes of live and trashed files. */
  usedSize(): number {
    return [...this.entries.values()].reduce((sum, e) => sum + e.size, 0);
  }

  /** Bin size: bytes of the files in the bin. */
  binSize(): number {
    return [...this.entries.values()].filter((e) => this.where(e.id) === 'binned').reduce((sum, e) => sum + e.size, 0);
  }

  /** What a create in `parentId` should do, given PDS check_name_mode semantics. */
  planCreate(parentId: string, name: string, type: 'file' | 'folder', mode: CreateMode): CreatePlan {
    const parent = this.entries.get(parentId);
    if (this.where(parentId) !== 'live' || parent?.type !== 'folder') return { refused: 'TargetNotFound' };
    const clash = this.liveChild(parentId, name);
    if (!clash) return { name };
    if (mode === 'refuse') return { existing: clash };
    if (mode === 'ignore') return { refused: 'NameConflict' };
    return { name: this.freeName(parentId, name, type, autoRenameTag) };
  }

  /** Why trashing `id` must be refused, if it must. */
  refuseTrash(id: string): string | undefined {
    if (this.where(id) !== 'live') return 'EntryNotFound';
    if (id === ROOT) return 'InvalidMove';
    return undefined;
  }

  /** Why a permanent delete of `id` (live or in the bin) must be refused, if it must. */
  refuseDelete(id: string): string | undefined {
    if (this.where(id) === 'gone') return 'EntryNotFound';
    if (id === ROOT) return 'InvalidMove';
    // A lock holds what is in the bin (the item or the bin item it is inside), never a live entry.
    if (this.lock && this.where(id) === 'binned') return 'RetentionLocked';
    return undefined;
  }

  /**
   * Why setting the lock to `lock` must be refused (the actor is an admin, days within
   * ReservedDays): a compliance lock is never removed, made governance or shortened.
   */
  refuseLock(lock: ModelLock | null): string | undefined {
    const old = this.lock;
    if (old?.mode !== 'compliance') return undefined;
    if (lock === null || lock.mode !== 'compliance' || lock.minDays < old.minDays) return 'RetentionLocked';
    return undefined;
  }

  /** The trash root holding `id` (itself if it is one): the nearest in its chain. */
  holderOf(id: string): ModelEntry | undefined {
    return this.chain(id).find((e) => e.trashedAt !== null);
  }

  /** Trash roots in the order a bulk job takes them: oldest first, equal times by id. */
  binRootsOldestFirst(): ModelEntry[] {
    return this.binRoots().reverse();
  }

  refuseRestore(id: string): string | undefined {
    return this.where(id) === 'binned' ? undefined : 'EntryNotFound';
  }

  trash(id: string, trashedAt: number, eventId?: string): void {
    const entry = this.entries.get(id)!;
    entry.trashedAt = trashedAt;
    entry.eventId = eventId ?? null;
    if (eventId !== undefined && !this.events.includes(eventId)) this.events.push(eventId);
  }

  /**
   * The entries a permanent delete of `id` removes (it and its subtree), and the trash
   * roots nested in that subtree, which stay in the bin.
   */
  purgeSet(id: string): { purged: string[]; nestedRoots: string[] } {
    const purged: string[] = [];
    const nestedRoots: string[] = [];
    const walk = (at: string) => {
      purged.push(at);
      for (const child of [...this.entries.values()].filter((e) => e.parentId === at)) {
        if (child.trashedAt !== null) nestedRoots.push(child.id);
        else walk(child.id);
      }
    };
    walk(id);
    return { purged, nestedRoots };
  }

  /** Permanent delete, finished: the subtree is gone; nested trash roots are detached. */
  purge(id: string): void {
    const { purged, nestedRoots } = this.purgeSet(id);
    for (const gone of purged) this.entries.delete(gone);
    for (const root of nestedRoots) this.entries.get(root)!.parentId = null;
  }

  /** Empty the bin, finished: every trash root and everything below them is gone. */
  clear(): void {
    for (const id of this.idsWhere('binned')) this.entries.delete(id);
  }

  /**
   * Restore to the original place (SPEC section 2): the original folder if live; under
   * root if it is gone; if it is in the bin, the original path is made again below the
   * nearest live ancestor (a live folder of the name there is used as it is). A clash at
   * the destination renames the restored entry `name (restored).ext`, `(restored 2)`, ...
   * Returns the restored entry.
   */
  async restore(id: string, adopt: Adopt): Promise<ModelEntry> {
    const item = this.entries.get(id)!;
    const dest = await this.originalDestination(item.parentId, adopt);
    item.name = this.freeName(dest, item.name, item.type, restoredTag);
    item.parentId = dest;
    item.trashedAt = null;
    item.eventId = null;
    return item;
  }

  private async originalDestination(parentId: string | null, adopt: Adopt): Promise<string> {
    const chain = parentId === null ? [] : this.chain(parentId);
    this.lastRestoreRoute = chain.length === 0 ? 'root' : 'remade';
    if (chain.length === 0) return ROOT;
    const top = chain[chain.length - 1]!;
    const highestTrashed = chain.findLastIndex((e) => e.trashedAt !== null);
    if (highestTrashed === -1 && top.id === ROOT) {
      this.lastRestoreRoute = 'original';
      return parentId!;
    }
    // Folders from the highest bin item (or a detached top) down to the original folder.
    const cut = highestTrashed === -1 ? chain.length - 1 : highestTrashed;
    const anchored = top.id === ROOT && cut + 1 < chain.length;
    let dest = anchored ? chain[cut + 1]!.id : ROOT;
    for (const link of chain.slice(0, cut + 1).reverse()) dest = await this.ensureFolder(dest, link.name, adopt);
    return dest;
  }

  private async ensureFolder(parentId: string, name: string, adopt: Adopt): Promise<string> {
    const existing = this.liveChild(parentId, name);
    if (existing?.type === 'folder') return existing.id;
    const free = existing ? this.freeName(parentId, name, 'folder', restoredTag) : name;
    const id = await adopt(parentId, free);
    this.add({ id, name: free, type: 'folder', size: 0, blobId: null, parentId, trashedAt: null });
    return id;
  }
}
