import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data directory for one benchmark; removed by `removeDataDir`. */
export const newDataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'salvage-bench-'));
export const removeDataDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
