/** A file to upload and where it goes below the folder it was dropped on ('' for right there). */
export interface Pick {
  file: File;
  /** Folders on the way, from a dropped or chosen folder: `photos/2024`. */
  dir: string;
}

/** Files chosen with an <input> (a folder input gives each its webkitRelativePath). */
export function picksOfInput(files: FileList | null): Pick[] {
  return Array.from(files ?? [], (file) => {
    const rel = file.webkitRelativePath || '';
    const cut = rel.lastIndexOf('/');
    return { file, dir: cut > 0 ? rel.slice(0, cut) : '' };
  });
}

const readAll = (reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> =>
  new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries answers in chunks (100 in Chromium) until an empty one.
    const next = () =>
      reader.readEntries((chunk) => {
        if (chunk.length === 0) return resolve(all);
        all.push(...chunk);
        next();
      }, reject);
    next();
  });

async function walk(entry: FileSystemEntry, dir: string, out: Pick[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, dir });
  } else if (entry.isDirectory) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out);
  }
}

/**
 * What was dropped: files, and whole folders walked through the entries API (every browser
 * the UI targets has it). Items without an entry are taken as plain files.
 */
export async function picksOfDrop(data: DataTransfer): Promise<Pick[]> {
  const out: Pick[] = [];
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  // Entries must be taken before the first await: the DataTransfer is emptied after the event.
  for (const entry of entries) await walk(entry, '', out);
  for (const file of plain) out.push({ file, dir: '' });
  if (out.length === 0) for (const file of Array.from(data.files)) out.push({ file, dir: '' });
  return out;
}
