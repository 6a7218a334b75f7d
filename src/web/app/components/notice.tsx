/** An error (role=alert, announced at once) or a success message (role=status, announced politely). */
export function Notice({ error, message, onDismiss }: { error?: string; message?: string; onDismiss?: () => void }) {
  if (!error && !message) return null;
  return (
    <div className={error ? 'notice notice-error' : 'notice notice-ok'} role={error ? 'alert' : 'status'}>
      <span>{error ?? message}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
