import type { PdsFile } from '../api/types.js';

type Kind = 'folder' | 'image' | 'video' | 'audio' | 'archive' | 'code' | 'document' | 'file';

const BY_EXTENSION: Record<string, Kind> = {};
const add = (kind: Kind, exts: string) => exts.split(' ').forEach((e) => (BY_EXTENSION[e] = kind));
add('image', 'png jpg jpeg gif webp svg bmp tif tiff heic avif ico');
add('video', 'mp4 mov mkv webm avi m4v wmv');
add('audio', 'mp3 wav flac ogg m4a aac opus');
add('archive', 'zip tar gz tgz bz2 xz 7z rar zst');
add('code', 'js ts tsx jsx json py rb go rs java c h cpp cs sh yml yaml toml xml html css sql');
add('document', 'txt md pdf doc docx odt rtf xls xlsx ods csv ppt pptx odp');

/** What an entry is, from its type and its name's extension. */
export function kindOf(f: Pick<PdsFile, 'type' | 'name'>): Kind {
  if (f.type === 'folder') return 'folder';
  const dot = f.name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[f.name.slice(dot + 1).toLowerCase()]) || 'file';
}

/** 16x16 outlines, one per kind; drawn in the text colour, so both themes work. */
const PATHS: Record<Kind, string> = {
  folder: 'M1.5 3.5h5l1.5 1.5h6.5v8h-13z',
  file: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3',
  document: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3 M5.5 8h5 M5.5 10.5h5 M5.5 13h3',
  image: 'M1.5 2.5h13v11h-13z M1.5 11l4-4 3 3 2-2 4 4 M10.5 5.5h.01',
  video: 'M1.5 3.5h9v9h-9z M10.5 7l4-2.5v7l-4-2.5',
  audio: 'M6 12.5a2 2 0 1 1-2-2 2 2 0 0 1 2 2zV3l8-1.5v9 M14 10.5a2 2 0 1 1-2-2 2 2 0 0 1 2 2z',
  archive: 'M2.5 1.5h11v13h-11z M8 1.5v2 M8 4.5v2 M8 7.5v2 M7 10.5h2v2h-2z',
  code: 'M5.5 4.5l-4 3.5 4 3.5 M10.5 4.5l4 3.5-4 3.5 M9 2.5l-2 11',
};

export function FileIcon({ file }: { file: Pick<PdsFile, 'type' | 'name'> }) {
  const kind = kindOf(file);
  return (
    <svg className={`file-icon icon-${kind}`} data-kind={kind} viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
