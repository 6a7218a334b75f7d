import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

export interface ToastContent {
  message: string;
  /** A button in the toast ("Undo"); it runs once, then the toast says what it did. */
  action?: { label: string; run: () => Promise<string | ToastContent | void> };
  /** A link in the toast ("Jobs page"). */
  link?: { label: string; href: string };
  error?: boolean;
}

type Show = (t: ToastContent) => void;
const ToastContext = createContext<Show>(() => undefined);

/** Shows a toast in the corner; a new one replaces the one showing, so they never pile up. */
export const useToast = (): Show => useContext(ToastContext);

/** How long a toast stays: long enough to read and reach Undo; errors stay until dismissed. */
const SHOW_MS = 10_000;
const WITH_ACTION_MS = 20_000;

/**
 * The app's one toast, bottom left, above the page (it survives going to another page, so
 * Undo still works after a click elsewhere). Announced politely (role=status) or at once
 * for an error (role=alert). Hovering or focusing it holds it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<(ToastContent & { key: number }) | undefined>();
  const [running, setRunning] = useState(false);
  const [held, setHeld] = useState(false);
  const counter = useRef(0);
  const show = useCallback<Show>((t) => {
    counter.current += 1;
    setRunning(false);
    setToast({ ...t, key: counter.current });
  }, []);

  useEffect(() => {
    if (!toast || toast.error || held || running) return;
    const timer = setTimeout(() => setToast(undefined), toast.action ? WITH_ACTION_MS : SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast, held, running]);

  // A ref, not the state: a double click on Undo must not undo twice.
  const acting = useRef(false);
  const act = async () => {
    if (!toast?.action || acting.current) return;
    const mine = toast.key;
    acting.current = true;
    setRunning(true);
    try {
      const said = await toast.action.run();
      if (counter.current === mine) show(typeof said === 'object' ? said : { message: said || 'Done.' });
    } catch (err) {
      if (counter.current === mine) show({ message: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      acting.current = false;
    }
  };

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toast-area" onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
        {toast && (
          <div key={toast.key} className={toast.error ? 'toast toast-error' : 'toast'} role={toast.error ? 'alert' : 'status'}>
            <span>{toast.message}</span>
            {toast.link && <a href={toast.link.href}>{toast.link.label}</a>}
            {toast.action && (
              <button type="button" className="small" disabled={running} onClick={() => void act()}>
                {running ? 'Working…' : toast.action.label}
              </button>
            )}
            <button type="button" className="link-button" aria-label="Dismiss message" onClick={() => setToast(undefined)}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}
