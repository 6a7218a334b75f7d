import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';

export interface FormDialogProps {
  /** Unique on the page: it names the dialog's heading for aria-labelledby. */
  id: string;
  title: string;
  children: ReactNode;
  submitLabel: string;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/**
 * A modal form on the native <dialog> (focus trapped, Escape cancels). Focus starts on the
 * first field, and Enter in a field submits, as in any form.
 */
export function FormDialog({ id, title, children, submitLabel, busy, onSubmit, onCancel }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => dialog?.close();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form className="dialog-form" onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Working…' : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
