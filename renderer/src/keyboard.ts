import { useEffect, useRef } from 'react';
import { stepSelection } from './week/navigation';

export interface WeekKeyboard {
  /** Class ids of the week in time order. */
  order: readonly string[];
  selectedId: string | null;
  onWeek(delta: -1 | 1): void;
  onToday(): void;
  onSelect(id: string): void;
  onOpen(): void;
  onCopy(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Radio buttons take the arrows themselves (they move the choice).
  if (target instanceof HTMLInputElement) return !['checkbox', 'button', 'submit', 'reset'].includes(target.type);
  // A combobox or listbox (the search box) owns its keys too.
  return target.closest('[role="combobox"], [role="listbox"]') !== null;
}

/** A modal dialog is open (import, new class, export): the week behind it takes no keys. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open]:modal') !== null;
}

/**
 * The week's shortcuts, on the whole window: ← → weeks, T today, ↑ ↓
 * between classes in time order, Enter opens the details, C copies the
 * selected class's Meet link. Keys typed into a field are left alone.
 */
export function useWeekKeyboard(options: WeekKeyboard): void {
  const current = useRef(options);
  useEffect(() => {
    current.current = options;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target) || modalOpen()) return;
      const o = current.current;
      const target = e.target instanceof HTMLElement ? e.target : null;
      switch (e.key) {
        case 'ArrowLeft':
        case 'ArrowRight':
          o.onWeek(e.key === 'ArrowLeft' ? -1 : 1);
          break;
        case 't':
        case 'T':
          o.onToday();
          break;
        case 'ArrowDown':
        case 'ArrowUp': {
          const next = stepSelection(o.order, o.selectedId, e.key === 'ArrowDown' ? 1 : -1);
          if (!next) return;
          o.onSelect(next);
          break;
        }
        case 'Enter': {
          const bookingId = target?.closest<HTMLElement>('[data-testid="booking"]')?.dataset.bookingId;
          if (bookingId) o.onSelect(bookingId);
          else if (!(target === document.body || target?.closest('.week')) || !o.selectedId) return;
          requestAnimationFrame(() => o.onOpen());
          break;
        }
        case 'c':
        case 'C':
          o.onCopy();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
