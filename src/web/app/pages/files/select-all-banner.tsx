/**
 * Shown once every row of the page is selected and the folder holds more: offers to select
 * all N items of the folder (Gmail's way), or says they are and offers to clear it.
 */
export function SelectAllBanner({ shown, total, all, onAll, onClear }: {
  shown: number;
  total: number;
  all: boolean;
  onAll: () => void;
  onClear: () => void;
}) {
  return (
    <p className="select-all" role="status">
      {all ? (
        <>
          All {total.toLocaleString()} items in this folder are selected.{' '}
          <button type="button" className="link-button" onClick={onClear}>
            Clear selection
          </button>
        </>
      ) : (
        <>
          All {shown} on this page are selected.{' '}
          <button type="button" className="link-button" onClick={onAll}>
            Select all {total.toLocaleString()} items in this folder
          </button>
        </>
      )}
    </p>
  );
}
