/**
 * Grey placeholder rows while a list loads, instead of "Loading…": the page keeps its shape.
 * Announced once to screen readers by its label.
 */
export function Skeleton({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div className="skeleton" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}
