import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Booking } from '../../../shared/booking';
import type { Locale, Settings } from '../../../shared/settings';
import { api } from '../api';
import type { Translate } from '../i18n';
import { ExportDialog } from './ExportDialog';
import { ExportIcon, ImportIcon, PlusIcon } from './icons';
import { ImportDialog } from './ImportDialog';
import { weekRange } from './lists';
import { NewBookingDialog } from './NewBookingDialog';
import { SearchBox } from './SearchBox';

export interface InOutOptions {
  t: Translate;
  locale: Locale;
  settings: Settings | null;
  timeZone: string | null;
  /** The days of the week on screen. */
  weekDays: readonly string[];
  /** Today in the zone. */
  today: string | null;
  /** Opens the booking's week and selects it in the details panel. */
  onShowBooking(booking: Booking): void;
  onSyncNow(): void;
  onToast(text: string): void;
  /** More buttons for the command bar (the business views' entries), after these. */
  extraCommands?: ReactNode;
}

type Open = 'import' | 'new' | 'export' | null;

/**
 * Bookings in and out (issue 6), for App to place: `commands` (the header's
 * command bar: new class, import, export, search) and `overlays` (their
 * dialogs and the drop target). It also answers the app menu's commands
 * and files dropped anywhere on the window.
 */
export function useInOut(o: InOutOptions): { commands: ReactNode; overlays: ReactNode } {
  const { t, locale, settings, timeZone } = o;
  const [open, setOpen] = useState<Open>(null);
  const [dropped, setDropped] = useState<File | null>(null);
  const openRef = useRef<Open>(null);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  const dragging = useFileDrag((file) => {
    // A form being filled is never thrown away for a file.
    if (openRef.current === 'new' || openRef.current === 'export') return;
    setDropped(file);
    setOpen('import');
  });

  const options = useRef(o);
  useEffect(() => {
    options.current = o;
  });

  // The app menu (Electron): File > Import…, Export…, Sync now, Preferences.
  useEffect(
    () =>
      api.on('menuCommand', ({ command }) => {
        switch (command) {
          case 'import':
          case 'export':
            if (openRef.current === null) setOpen(command);
            break;
          case 'sync':
            options.current.onSyncNow();
            break;
          case 'settings':
            if (openRef.current === null) openPreferences();
            break;
        }
      }),
    [],
  );

  const close = useCallback(() => {
    setOpen(null);
    setDropped(null);
  }, []);

  const ready = !!settings && !!timeZone;
  const range = weekRange(o.weekDays);
  const initialDate = o.today && o.weekDays.includes(o.today) ? o.today : (o.weekDays[0] ?? o.today ?? '');

  const commands = (
    <div className="command-bar" data-testid="command-bar">
      <div className="command-group" role="group" aria-label={t('inout.tools')}>
        <button type="button" className="button primary" onClick={() => ready && setOpen('new')} aria-disabled={ready ? undefined : true} data-testid="new-booking">
          <PlusIcon />
          {t('inout.new.button')}
        </button>
        <button type="button" className="button" onClick={() => setOpen('import')} data-testid="import-open">
          <ImportIcon />
          {t('inout.import.button')}
        </button>
        <button type="button" className="button" onClick={() => range && setOpen('export')} aria-disabled={range ? undefined : true} data-testid="export-open">
          <ExportIcon />
          {t('inout.export.button')}
        </button>
      </div>
      {o.extraCommands}
      <SearchBox t={t} locale={locale} timeZone={timeZone} onChoose={o.onShowBooking} />
    </div>
  );

  const overlays = (
    <>
      {dragging && open === null ? (
        <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
          <div className="drop-overlay-card">
            <ImportIcon />
            {t('inout.import.dropWindow')}
          </div>
        </div>
      ) : null}
      {open === 'import' ? <ImportDialog t={t} locale={locale} file={dropped} dragging={dragging} onClose={close} /> : null}
      {open === 'new' && ready ? (
        <NewBookingDialog
          t={t}
          locale={locale}
          timeZone={timeZone}
          initialDate={initialDate}
          defaultDuration={settings.classDefaults.durationMinutes}
          onClose={close}
          onCreated={(booking) => {
            close();
            o.onToast(t('inout.new.created', { name: booking.bookedBy.name }));
            o.onShowBooking(booking);
          }}
        />
      ) : null}
      {open === 'export' && range && timeZone ? <ExportDialog t={t} timeZone={timeZone} from={range.from} to={range.to} onClose={close} /> : null}
    </>
  );

  return { commands, overlays };
}

/**
 * Files dragged over the window: true while one is over it, and `onDrop`
 * with the file when it is dropped anywhere. A dropped file never makes
 * the page navigate to it.
 */
function useFileDrag(onDrop: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handler = useRef(onDrop);
  useEffect(() => {
    handler.current = onDrop;
  });
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) handler.current(file);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
    };
  }, []);
  return dragging;
}

/** The preferences popover (header/SettingsMenu) opened from the app menu, through its own button, focus on its first control. */
function openPreferences(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-testid="settings-open"]');
  if (!button) return;
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  requestAnimationFrame(() => {
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '');
    panel?.querySelector<HTMLElement>('select, input, button')?.focus();
  });
}
