import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from '../components/icons';

export interface DialogProps {
  title: string;
  /** A line under the title. */
  subtitle?: ReactNode;
  children: ReactNode;
  /** The actions row at the bottom (kept in view while the body scrolls). */
  footer?: ReactNode;
  /** Close button, Escape and the close callback; refused while `closable` is false (work in progress). */
  onClose(): void;
  closable?: boolean;
  closeLabel: string;
  /** Marks the region busy for assistive technology while work runs. */
  busy?: boolean;
  className?: string;
  testId?: string;
  /** When this changes (the dialog's content moved on), focus that was lost with the old content goes to the new one. */
  focusKey?: string;
}

/**
 * A modal dialog on the native <dialog> (showModal): the rest of the page is
 * inert while it is open, so focus stays inside and the week's shortcuts
 * stay quiet. On open, focus goes to the element marked `data-autofocus`,
 * else to the title; on close it goes back to where it was. Escape closes,
 * unless `closable` is false.
 */
export function Dialog({ title, subtitle, children, footer, onClose, closable = true, closeLabel, busy = false, className, testId, focusKey }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const closeRef = useRef({ onClose, closable });
  useEffect(() => {
    closeRef.current = { onClose, closable };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]');
    (first ?? titleRef.current)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the opener, unless something else took focus meanwhile (for example the details of a new class).
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null)) opener.focus();
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.contains(document.activeElement)) return;
    (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? titleRef.current)?.focus();
  }, [focusKey]);

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: the dialog closes through React state, never behind its back.
        e.preventDefault();
        if (closeRef.current.closable) closeRef.current.onClose();
      }}
      onClose={() => {
        // Closed by the browser anyway (a repeated Escape): keep React's view true.
        const { closable: canClose, onClose: close } = closeRef.current;
        if (canClose) close();
        else ref.current?.showModal();
      }}
    >
      <div className="modal-head">
        <div className="modal-titles">
          <h2 id={titleId} ref={titleRef} tabIndex={-1} className="modal-title">
            {title}
          </h2>
          {subtitle ? <p className="modal-subtitle">{subtitle}</p> : null}
        </div>
        <button type="button" className="icon-button small" onClick={() => closable && onClose()} aria-label={closeLabel} title={closeLabel} aria-disabled={closable ? undefined : true}>
          <CloseIcon />
        </button>
      </div>
      <div className="modal-body">{children}</div>
      {footer ? <div className="modal-foot">{footer}</div> : null}
    </dialog>
  );
}
