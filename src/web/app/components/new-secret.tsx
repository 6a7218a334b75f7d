import { useEffect, useRef, useState } from 'react';
import type { PdsNewAccessKey } from '../api/types.js';

/**
 * A new access key's secret, shown this once (the server keeps it encrypted and never
 * sends it again). Copy uses the Clipboard API; where that is refused (a page served over
 * plain HTTP from another host is no secure context) the read-only field is selected so
 * the user can copy it by hand.
 */
export function NewSecret({ accessKey, onDone }: { accessKey: PdsNewAccessKey; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>();
  const fieldId = `secret-${accessKey.access_key_id}`;

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(accessKey.access_key_secret);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopied('The browser does not allow copying here: the secret is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  };

  return (
    <section className="new-secret" aria-labelledby={`${fieldId}-title`}>
      <h3 id={`${fieldId}-title`}>New access key {accessKey.access_key_id}</h3>
      <p>
        <strong>This is the only time the secret is shown.</strong> Copy it now and keep it safe; if it is lost, create a new key and delete this one.
      </p>
      <div className="inline-form">
        <label htmlFor={fieldId}>Access key secret</label>
        <input id={fieldId} ref={field} readOnly value={accessKey.access_key_secret} size={44} spellCheck={false} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          Copy secret
        </button>
      </div>
      <p role="status" className="hint">
        {copied}
      </p>
      <button type="button" onClick={onDone}>
        Done, hide the secret
      </button>
    </section>
  );
}
