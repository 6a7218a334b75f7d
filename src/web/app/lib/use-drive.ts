import { useEffect, useState } from 'react';
import { pds } from '../api/pds.js';
import type { PdsDrive } from '../api/types.js';
import { describeError } from './errors.js';

/** The drive a page is about, read once: its name and the caller's role on it. */
export function useDrive(driveId: string): { drive?: PdsDrive; error?: string } {
  const [drive, setDrive] = useState<PdsDrive>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    pds.getDrive(driveId).then(
      (d) => live && setDrive(d),
      (err) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [driveId]);
  return { drive, error };
}
