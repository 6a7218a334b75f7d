import { hrefOf } from '../../lib/route.js';
import type { RestoreOutcome } from './restore-items.js';

/** Where each restored item went, with renames called out, and what could not be restored. */
export function RestoreReport({ driveId, outcomes, onDismiss }: { driveId: string; outcomes: RestoreOutcome[]; onDismiss: () => void }) {
  if (outcomes.length === 0) return null;
  return (
    <section className="report" aria-labelledby="restore-report-title" aria-live="polite">
      <h2 id="restore-report-title">Restore results</h2>
      <ul>
        {outcomes.map((o) => (
          <li key={o.fileId}>
            {o.error ? (
              <span className="inline-error">
                Could not restore {o.name}: {o.error}
              </span>
            ) : (
              <span>
                Restored <strong>{o.name}</strong> to{' '}
                <a href={hrefOf({ page: 'files', driveId, folderId: 'root' })}>{o.folderPath}</a>
                {o.restoredName !== o.name ? (
                  <>
                    {' '}
                    as <strong className="renamed">{o.restoredName}</strong> (the name was taken there)
                  </>
                ) : null}
              </span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
