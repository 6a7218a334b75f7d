import { readFile } from 'node:fs/promises';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * One entry of a seed tree: a folder when it has `children`, else a file with `content`
 * (UTF-8 text) or `contentBase64`. `trashed: true` puts it in its drive's bin once the
 * whole tree is made (a trashed folder takes its children with it).
 */
const SeedEntry = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 1024 }),
        children: Type.Optional(Type.Array(Self, { maxItems: 10_000 })),
        content: Type.Optional(Type.String({ maxLength: 16 * 1024 * 1024 })),
        contentBase64: Type.Optional(Type.String({ maxLength: 22 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]*={0,2}$' })),
        contentType: Type.Optional(Type.String({ maxLength: 256 })),
        trashed: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  { $id: 'SeedEntry' },
);

const SeedUser = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    role: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('admin')])),
    nickName: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);

const SeedDrive = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 1024 }),
    /** A user name of this file, or `admin`. */
    owner: Type.String({ minLength: 1, maxLength: 64 }),
    /** Quota in bytes; -1 (the default) for none. */
    size: Type.Optional(Type.Integer({ minimum: -1 })),
    recycleBin: Type.Optional(
      Type.Object({ enabled: Type.Boolean(), retentionDays: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
    ),
    tree: Type.Optional(Type.Array(SeedEntry, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);

/** The `--seed FILE` format (docs/in-memory.md). */
export const SeedFile = Type.Object(
  {
    users: Type.Optional(Type.Array(SeedUser, { maxItems: 10_000 })),
    drives: Type.Optional(Type.Array(SeedDrive, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);

export type SeedFile = Static<typeof SeedFile>;
export type SeedEntry = Static<typeof SeedEntry>;

/** What went wrong with a seed file, ready to print as one line. */
export class SeedError extends Error {}

/** At most this many schema errors are named: the first ones are what to fix. */
const SHOWN_ERRORS = 3;

function check<T extends TSchema>(schema: T, value: unknown, file: string): Static<T> {
  const errors = [...Value.Errors(schema, value)].slice(0, SHOWN_ERRORS);
  if (errors.length === 0) return value as Static<T>;
  const where = (path: string) => (path === '' ? 'the top level' : path);
  throw new SeedError(`seed file ${file} is not valid: ${errors.map((e) => `${where(e.path)}: ${e.message}`).join('; ')}`);
}

/** Reads and validates a seed file; a bad one is one SeedError naming the file and the fields. */
export async function readSeedFile(file: string): Promise<SeedFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SeedError(`cannot read seed file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SeedError(`seed file ${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seed = check(SeedFile, value, file);
  for (const [i, drive] of (seed.drives ?? []).entries()) checkTree(drive.tree ?? [], `/drives/${i}/tree`, file);
  return seed;
}

/** What the schema cannot say: an entry is a folder or a file, not both. */
function checkTree(entries: SeedEntry[], path: string, file: string): void {
  for (const [i, e] of entries.entries()) {
    const at = `${path}/${i}`;
    if (e.children && (e.content !== undefined || e.contentBase64 !== undefined)) {
      throw new SeedError(`seed file ${file} is not valid: ${at}: an entry with children is a folder and has no content`);
    }
    if (e.content !== undefined && e.contentBase64 !== undefined) {
      throw new SeedError(`seed file ${file} is not valid: ${at}: give content or contentBase64, not both`);
    }
    if (e.children) checkTree(e.children, `${at}/children`, file);
  }
}
