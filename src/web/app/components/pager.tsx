/** Previous / next page buttons with where we are; used wherever a list is paged. */
export function Pager({ label, page, hasPrev, hasNext, onPrev, onNext, busy }: {
  label: string;
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  if (!hasPrev && !hasNext) return null;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={onPrev} disabled={!hasPrev || busy}>
        Previous page
      </button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" onClick={onNext} disabled={!hasNext || busy}>
        Next page
      </button>
    </nav>
  );
}
