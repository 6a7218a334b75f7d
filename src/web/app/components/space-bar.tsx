import { formatBytes } from '../lib/format.js';

/** Used space as a bar against the quota; an unlimited drive (-1) shows only what it uses. */
export function SpaceBar({ used, total, name }: { used: number; total: number; name: string }) {
  const unlimited = total < 0;
  const text = unlimited ? `${formatBytes(used)} used (no limit)` : `${formatBytes(used)} of ${formatBytes(total)} used`;
  return (
    <div className="space">
      {!unlimited && (
        <meter
          aria-label={`Space used on ${name}`}
          min={0}
          max={Math.max(total, 1)}
          value={Math.min(used, total)}
          high={total * 0.9}
          optimum={0}
        />
      )}
      <span className="space-text">{text}</span>
    </div>
  );
}
