import { hrefOf } from '../../lib/route.js';
import type { RestoreOutcome } from './restore-items.js';

const items = (n: number) => `${n.toLocaleString()} item${n === 1 ? '' : 's'}`;

interface Destination {
  folderId: string;
  folderPath: string;
  count: number;
  renamed: number;
}

/** One line per folder the items went to: "Restored 100 items to /items; 3 renamed". */
function byDestination(outcomes: RestoreOutcome[]): Destination[] {
  const found = new Map<string, Destination>();
  for (const o of outcomes) {
    if (o.error || !o.folderId) continue;
    const d = found.get(o.folderId) ?? { folderId: o.folderId, folderPath: o.folderPath ?? '/', count: 0, renamed: 0 };
    d.count += 1;
    if (o.restoredName !== o.name) d.renamed += 1;
    found.set(o.folderId, d);
  }
  return [...found.values()];
}

/**
 * Where the restored items went, summed up by folder (each a link that opens it), what could
 * not be restored, and each item with its new name when it had to take one. A long list is
 * folded away under the summary.
 */
export function RestoreReport({ driveId, outcomes, onDismiss }: { driveId: string; outcomes: RestoreOutcome[]; onDismiss: () => void }) {
  if (outcomes.length === 0) return null;
  const failed = outcomes.filter((o) => o.error).length;
  const folderLink = (folderId: string, path: string) => <a href={hrefOf({ page: 'files', driveId, folderId })}>{path}</a>;
  return (
    <section className="report" aria-labelledby="restore-report-title" aria-live="polite">
      <h2 id="restore-report-title">Restore results</h2>
      <ul className="summary">
        {byDestination(outcomes).map((d) => (
          <li key={d.folderId}>
            Restored {items(d.count)} to {folderLink(d.folderId, d.folderPath)}
            {d.renamed > 0 && `; ${d.renamed.toLocaleString()} renamed (the name was taken there)`}.
          </li>
        ))}
        {failed > 0 && <li className="inline-error">{items(failed)} could not be restored (listed below).</li>}
      </ul>
      <details open={outcomes.length <= 10}>
        <summary>Each item</summary>
        <ul>
          {outcomes.map((o) => (
            <li key={o.fileId}>
              {o.error ? (
                <span className="inline-error">
                  Could not restore {o.name}: {o.error}
                </span>
              ) : (
                <span>
                  Restored <strong>{o.name}</strong> to {folderLink(o.folderId ?? 'root', o.folderPath ?? '/')}
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
      </details>
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
