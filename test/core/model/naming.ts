/**
 * The model's own copy of the naming rules, written from SPEC section 2 and PDS
 * `check_name_mode`, not imported from src: a shared bug would hide itself otherwise.
 */
export type Tag = (n: number) => string;

/** `name (restored).ext`, `name (restored 2).ext`, ... */
export const restoredTag: Tag = (n) => (n === 1 ? ' (restored)' : ` (restored ${n})`);

/** PDS auto_rename: `name(1).ext`, `name(2).ext`, ... */
export const autoRenameTag: Tag = (n) => `(${n})`;

/** Files keep their extension last (a leading dot is no extension); folders take the tag at the end. */
export function tagged(name: string, type: 'file' | 'folder', n: number, tag: Tag): string {
  const dot = type === 'file' ? name.lastIndexOf('.') : -1;
  return dot <= 0 ? name + tag(n) : name.slice(0, dot) + tag(n) + name.slice(dot);
}

/** `name` if free, else the first free tagged variant. */
export function firstFree(taken: ReadonlySet<string>, name: string, type: 'file' | 'folder', tag: Tag): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const candidate = tagged(name, type, n, tag);
    if (!taken.has(candidate)) return candidate;
  }
}
