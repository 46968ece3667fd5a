import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ImportPreview } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { intlLocale } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { Dialog } from './Dialog';
import { CheckCircleIcon, FileIcon, ImportIcon, InfoIcon, WarnIcon } from './icons';
import {
  commitLabel,
  firstOf,
  groupNotes,
  importResultText,
  INVALID_SHOWN,
  MAX_IMPORT_BYTES,
  NOTE_HEADINGS,
  nothingToImport,
  progressPercent,
  withoutWhere,
  importableCount,
  type ImportProgress,
} from './import-view';

type Phase = ImportProgress['phase'] | 'opening';

type Step =
  | { kind: 'choose' }
  | { kind: 'working'; fileName: string; phase: Phase; progress: ImportProgress | null }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'done'; preview: ImportPreview; result: { created: number; updated: number } }
  | { kind: 'refused'; fileName: string; message: string }
  | { kind: 'error'; error: IpcError; preview: ImportPreview | null };

const PHASE_LABEL: Record<Phase, MessageKey> = {
  opening: 'inout.import.phase.opening',
  reading: 'inout.import.phase.reading',
  checking: 'inout.import.phase.checking',
  saving: 'inout.import.phase.saving',
};

export interface ImportDialogProps {
  t: Translate;
  locale: Locale;
  /** A file dropped on the window or chosen before the dialog opened: previewed at once. */
  file: File | null;
  /** The window shows a file being dragged over it. */
  dragging: boolean;
  onClose(): void;
}

/**
 * Import a platform export: choose or drop a file, see its preview (new,
 * updated, unchanged, invalid rows with their lines, notes by kind) while
 * main does the work and reports progress, then import the valid rows.
 */
export function ImportDialog({ t, locale, file, dragging, onClose }: ImportDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const run = useRef(0);
  const alive = useRef(true);
  const started = useRef<File | null>(null);
  const inputId = useId();
  const hintId = useId();
  const numbers = new Intl.NumberFormat(intlLocale(locale));
  const n = (value: number) => numbers.format(value);

  // Main's progress events, at most one render a frame however fast they come.
  const latest = useRef<ImportProgress | null>(null);
  const frame = useRef(0);
  const working = step.kind === 'working';
  useEffect(() => {
    if (!working) return;
    const off = api.on('importProgress', (progress) => {
      latest.current = progress;
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        const p = latest.current;
        setStep((s) => (s.kind === 'working' && p ? { ...s, phase: p.phase, progress: p } : s));
      });
    });
    return () => {
      off();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [working]);

  const previewFile = useCallback(
    async (chosen: File) => {
      const id = ++run.current;
      const current = () => alive.current && id === run.current;
      if (chosen.size > MAX_IMPORT_BYTES) {
        setStep({ kind: 'refused', fileName: chosen.name, message: t('inout.import.tooLarge') });
        return;
      }
      setStep({ kind: 'working', fileName: chosen.name, phase: 'opening', progress: null });
      let content: string;
      try {
        content = await chosen.text();
      } catch (error) {
        if (current()) setStep({ kind: 'refused', fileName: chosen.name, message: t('inout.import.unreadable', { reason: (error as Error).message }) });
        return;
      }
      if (!current()) return;
      setStep({ kind: 'working', fileName: chosen.name, phase: 'reading', progress: null });
      const reply = await api.previewImport({ fileName: chosen.name, content });
      if (!current()) return;
      if (reply.ok) setStep({ kind: 'preview', preview: reply.value });
      else if (reply.error.code === 'INVALID_REQUEST') setStep({ kind: 'refused', fileName: chosen.name, message: reply.error.message });
      else setStep({ kind: 'error', error: reply.error, preview: null });
    },
    [t],
  );

  // A dropped file starts at once (and a later drop replaces it, unless an import is being saved).
  const savingNow = useRef(false);
  useEffect(() => {
    savingNow.current = step.kind === 'working' && step.phase === 'saving';
  });
  useEffect(() => {
    if (file && file !== started.current && !savingNow.current) {
      started.current = file;
      void previewFile(file);
    }
  }, [file, previewFile]);

  // Forget a preview that is still being made when the dialog goes away (StrictMode's trial unmount included: it comes back alive).
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const commit = async (preview: ImportPreview) => {
    const id = ++run.current;
    setStep({ kind: 'working', fileName: preview.fileName, phase: 'saving', progress: null });
    const reply = await api.commitImport({ previewId: preview.previewId });
    if (!alive.current || id !== run.current) return;
    if (reply.ok) setStep({ kind: 'done', preview, result: reply.value });
    else setStep({ kind: 'error', error: reply.error, preview });
  };

  const again = () => {
    run.current += 1;
    setStep({ kind: 'choose' });
  };

  const saving = step.kind === 'working' && step.phase === 'saving';
  const close = () => {
    if (saving) return;
    run.current += 1;
    onClose();
  };

  let body: React.ReactNode;
  let footer: React.ReactNode;
  switch (step.kind) {
    case 'choose':
      body = (
        <div className={`drop-zone${dragging ? ' is-over' : ''}`} data-testid="import-drop-zone">
          <span className="drop-zone-icon" aria-hidden="true">
            <ImportIcon />
          </span>
          <p className="drop-zone-title">{t('inout.import.drop')}</p>
          <p className="drop-zone-or">{t('inout.import.or')}</p>
          <input
            id={inputId}
            className="file-input"
            type="file"
            accept=".json,.csv,.ndjson,application/json,text/csv"
            aria-label={t('inout.import.fileLabel')}
            aria-describedby={hintId}
            data-autofocus
            data-testid="import-file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) void previewFile(chosen);
            }}
          />
          <label htmlFor={inputId} className="button primary" aria-hidden="true">
            {t('inout.import.choose')}
          </label>
          <p className="drop-zone-hint" id={hintId}>
            {t('inout.import.formats')}
          </p>
        </div>
      );
      footer = (
        <button type="button" className="button quiet" onClick={close}>
          {t('inout.cancel')}
        </button>
      );
      break;

    case 'working': {
      const percent = step.phase === 'opening' ? null : progressPercent(step.progress);
      const label = t(PHASE_LABEL[step.phase]);
      const rows = step.progress && step.phase !== 'reading' && step.progress.total > 0 ? t('inout.import.progressRows', { done: n(step.progress.done), total: n(step.progress.total) }) : null;
      body = (
        <div className="import-working" data-testid="import-progress">
          <p className="import-file-line">
            <FileIcon />
            <span className="import-file-name">{step.fileName}</span>
          </p>
          <div className="progress-head">
            <span className="progress-phase">{label}</span>
            <span className="progress-figure">{percent !== null ? `${percent} %` : ''}</span>
          </div>
          <div
            className={`progress${percent === null ? ' is-indeterminate' : ''}`}
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={rows ?? (percent !== null ? `${percent} %` : undefined)}
          >
            <div className="progress-fill" style={{ width: `${percent ?? 35}%` }} />
          </div>
          <p className="progress-rows">{rows ?? '\u00a0'}</p>
          <p className="muted small-print">{t('inout.import.keepWorking')}</p>
          {/* Only the phase is announced, not every percent. */}
          <p className="sr-only" aria-live="polite">
            {label}
          </p>
        </div>
      );
      footer = saving ? null : (
        <button type="button" className="button quiet" onClick={close}>
          {t('inout.cancel')}
        </button>
      );
      break;
    }

    case 'preview': {
      const { preview } = step;
      const importable = importableCount(preview.counts);
      const nothing = nothingToImport(preview.counts, preview.paymentsToKeep);
      body = <PreviewView preview={preview} t={t} n={n} />;
      footer = (
        <>
          {nothing ? (
            <p className="import-nothing" role="status" data-testid="import-nothing">
              <InfoIcon />
              {t(nothing === 'unchanged' ? 'inout.import.nothing.unchanged' : 'inout.import.nothing.no-valid-rows')}
            </p>
          ) : (
            <button type="button" className="button primary" onClick={() => void commit(preview)} data-testid="import-commit">
              {commitLabel(t, importable, preview.paymentsToKeep)}
            </button>
          )}
          <span className="modal-foot-spacer" />
          <button type="button" className="button quiet" onClick={again}>
            {t('inout.import.another')}
          </button>
          <button type="button" className="button" onClick={close}>
            {nothing ? t('inout.close') : t('inout.cancel')}
          </button>
        </>
      );
      break;
    }

    case 'done':
      body = (
        <div className="import-done" role="status" data-testid="import-result">
          <span className="import-done-icon" aria-hidden="true">
            <CheckCircleIcon />
          </span>
          <div>
            <p className="import-done-title">{t('inout.import.done')}</p>
            <p className="import-done-counts">{importResultText(t, step.result)}</p>
            <p className="muted">{t('inout.import.doneHint')}</p>
          </div>
        </div>
      );
      footer = (
        <>
          <span className="modal-foot-spacer" />
          <button type="button" className="button quiet" onClick={again}>
            {t('inout.import.another')}
          </button>
          <button type="button" className="button primary" onClick={close} data-autofocus>
            {t('inout.close')}
          </button>
        </>
      );
      break;

    case 'refused':
      body = (
        <div className="import-refused" role="alert" data-testid="import-refused">
          <span className="import-refused-icon" aria-hidden="true">
            <WarnIcon />
          </span>
          <div>
            <p className="import-refused-title">{t('inout.import.refused')}</p>
            <p className="import-refused-reason">{step.message}</p>
            <p className="muted">{t('inout.import.refusedHint')}</p>
          </div>
        </div>
      );
      footer = (
        <>
          <span className="modal-foot-spacer" />
          <button type="button" className="button primary" onClick={again}>
            {t('inout.import.another')}
          </button>
          <button type="button" className="button" onClick={close}>
            {t('inout.close')}
          </button>
        </>
      );
      break;

    case 'error':
      body = <ErrorBox error={step.error} t={t} />;
      footer = (
        <>
          <span className="modal-foot-spacer" />
          <button type="button" className="button primary" onClick={again}>
            {t('inout.import.another')}
          </button>
          <button type="button" className="button" onClick={close}>
            {t('inout.close')}
          </button>
        </>
      );
      break;
  }

  return (
    <Dialog title={t('inout.import.title')} subtitle={step.kind === 'choose' ? t('inout.import.intro') : undefined} onClose={close} closable={!saving} closeLabel={t('inout.close')} busy={working} focusKey={step.kind} className="import-dialog" testId="import-dialog" footer={footer}>
      {body}
    </Dialog>
  );
}

function PreviewView({ preview, t, n }: { preview: ImportPreview; t: Translate; n: (value: number) => string }) {
  const { counts } = preview;
  const total = counts.new + counts.updated + counts.unchanged + counts.invalid;
  const invalid = firstOf(preview.invalid, counts.invalid, INVALID_SHOWN);
  const groups = groupNotes(preview.notes);
  const invalidId = useId();
  const notesId = useId();
  const tiles: { key: keyof ImportPreview['counts']; label: MessageKey }[] = [
    { key: 'new', label: 'inout.import.count.new' },
    { key: 'updated', label: 'inout.import.count.updated' },
    { key: 'unchanged', label: 'inout.import.count.unchanged' },
    { key: 'invalid', label: 'inout.import.count.invalid' },
  ];

  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-file-line">
        <FileIcon />
        <span className="import-file-name">{preview.fileName}</span>
        <span className="import-file-meta">
          {t(`inout.import.format.${preview.format}`)} · {t('inout.import.rows', { n: n(total) })}
        </span>
      </p>

      <ul className="import-counts" aria-label={t('inout.import.countsLabel')}>
        {tiles.map(({ key, label }) => (
          <li key={key} className={`count-tile count-${key}${counts[key] === 0 ? ' is-zero' : ''}`} data-testid={`import-count-${key}`} data-count={counts[key]}>
            <span className="count-n">{n(counts[key])}</span>
            <span className="count-label">{t(label)}</span>
          </li>
        ))}
      </ul>

      {counts.invalid > 0 ? (
        <section className="import-section is-invalid" aria-labelledby={invalidId} data-testid="import-invalid">
          <h3 id={invalidId}>
            <WarnIcon />
            {t('inout.import.invalidTitle')}
            <span className="section-count">{n(counts.invalid)}</span>
          </h3>
          <p className="section-hint">{t('inout.import.invalidHint')}</p>
          <ol className="row-list">
            {invalid.shown.map((row, i) => (
              <li key={`${row.line}-${i}`} data-line={row.line}>
                <span className="line-badge">{t('inout.import.line', { n: row.line })}</span>
                <span className="row-reason">{withoutWhere(row.reason)}</span>
              </li>
            ))}
            {invalid.more > 0 ? <li className="row-more">{t('inout.import.more', { n: n(invalid.more) })}</li> : null}
          </ol>
        </section>
      ) : null}

      {groups.length > 0 ? (
        <section className="import-section is-notes" aria-labelledby={notesId} data-testid="import-notes">
          <h3 id={notesId}>
            <InfoIcon />
            {t('inout.import.notesTitle')}
            <span className="section-count">{n(preview.notes.length)}</span>
          </h3>
          <p className="section-hint">{t('inout.import.notesHint')}</p>
          {groups.map((group) => (
            <details key={group.kind} className="note-group" open={groups.length <= 3} data-kind={group.kind}>
              <summary>
                <span className="note-group-title">{t(NOTE_HEADINGS[group.kind])}</span>
                <span className="section-count">{n(group.total)}</span>
              </summary>
              <ol className="row-list">
                {group.shown.map((note, i) => (
                  <li key={`${note.line}-${i}`} data-line={note.line}>
                    <span className="line-badge">{t('inout.import.line', { n: note.line })}</span>
                    <span className="row-reason">{note.message}</span>
                  </li>
                ))}
                {group.total > group.shown.length ? <li className="row-more">{t('inout.import.more', { n: n(group.total - group.shown.length) })}</li> : null}
              </ol>
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}
