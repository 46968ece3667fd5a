import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Booking, ClassType } from '../../../shared/booking';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { formatPrice } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { Dialog } from './Dialog';
import { checkDraft, defaultPrice, DRAFT_FIELDS, fitParticipants, FOCUS_MAX, PARTICIPANTS, type DraftField, type FieldProblem, type NewBookingDraft } from './new-booking-form';

const pad = (n: number) => String(n).padStart(2, '0');
/** Start times every quarter hour, 24-hour clock (a select: <input type="time"> follows the OS's 12/24-hour setting). */
const QUARTERS = Array.from({ length: 96 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`);
const DURATIONS = [30, 45, 60, 75, 90, 120];

/** The draft's value behind each field. */
const DRAFT_KEY: Record<DraftField, keyof NewBookingDraft> = {
  name: 'name',
  email: 'email',
  date: 'date',
  time: 'time',
  duration: 'durationMinutes',
  participants: 'participants',
  focus: 'focus',
  price: 'price',
};

const PROBLEM_TEXT: Record<FieldProblem, MessageKey> = {
  required: 'inout.problem.required',
  tooLong: 'inout.problem.tooLong',
  email: 'inout.problem.email',
  date: 'inout.problem.date',
  nonexistent: 'inout.problem.nonexistent',
  duration: 'inout.problem.duration',
  participants: 'inout.problem.participants',
  price: 'inout.problem.price',
};

export interface NewBookingDialogProps {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** The day the form starts on (today, or the first day of the week on screen). */
  initialDate: string;
  defaultDuration: number;
  onCreated(booking: Booking): void;
  onClose(): void;
}

/**
 * A class agreed outside the platform: the form checks each field as the
 * teacher types (after leaving it once), reads the date and time in the
 * configured zone, and creates a pending booking through main.
 */
export function NewBookingDialog({ t, locale, timeZone, initialDate, defaultDuration, onCreated, onClose }: NewBookingDialogProps) {
  const [draft, setDraft] = useState<NewBookingDraft>({
    name: '',
    email: '',
    date: initialDate,
    time: '17:00',
    durationMinutes: defaultDuration,
    classType: 'individual',
    participants: 1,
    focus: '',
    price: String(defaultPrice('individual', 1)),
  });
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [priceEdited, setPriceEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const ids = { form: useId(), problems: useId(), focusCount: useId(), zone: useId(), priceNote: useId() };

  const { problems, request } = useMemo(() => checkDraft(draft, timeZone), [draft, timeZone]);
  const shown = (field: DraftField): FieldProblem | undefined => (submitted || touched.has(field) ? problems[field] : undefined);
  // A field's message shows once the teacher has typed in it and left it (or tried to create the class), then follows every key.
  const [dirty, setDirty] = useState<ReadonlySet<keyof NewBookingDraft>>(new Set());
  const touch = (field: DraftField) => {
    if (dirty.has(DRAFT_KEY[field])) setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  };
  const update = (patch: Partial<NewBookingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty((s) => new Set([...s, ...(Object.keys(patch) as (keyof NewBookingDraft)[])]));
  };

  const setClass = (classType: ClassType, participants: number) => {
    const fitted = fitParticipants(classType, participants);
    update({ classType, participants: fitted, ...(priceEdited ? {} : { price: String(defaultPrice(classType, fitted)) }) });
  };

  const durations = DURATIONS.includes(defaultDuration) ? DURATIONS : [...DURATIONS, defaultDuration].sort((a, b) => a - b);
  const platformPrice = defaultPrice(draft.classType, draft.participants);
  const focusLength = draft.focus.trim().length;
  const limits = PARTICIPANTS[draft.classType];
  const participantOptions = Array.from({ length: limits.max - limits.min + 1 }, (_, i) => limits.min + i);

  const submit = async () => {
    setSubmitted(true);
    setError(null);
    if (!request) {
      const first = DRAFT_FIELDS.find((f) => problems[f]);
      form.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    const reply = await api.createBooking(request);
    setBusy(false);
    if (reply.ok) onCreated(reply.value);
    else setError(reply.error);
  };

  const problemCount = submitted ? Object.keys(problems).length : 0;

  return (
    <Dialog
      title={t('inout.new.title')}
      subtitle={t('inout.new.intro')}
      onClose={onClose}
      closable={!busy}
      closeLabel={t('inout.close')}
      busy={busy}
      className="new-booking-dialog"
      testId="new-booking-dialog"
      footer={
        <>
          {problemCount > 0 ? (
            <p className="form-problem" role="alert">
              {t('inout.new.fixProblems')}
            </p>
          ) : null}
          <span className="modal-foot-spacer" />
          <button type="button" className="button quiet" onClick={onClose} aria-disabled={busy || undefined}>
            {t('inout.cancel')}
          </button>
          <button type="submit" form={ids.form} className="button primary" aria-disabled={busy || undefined} data-testid="new-booking-submit">
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {t('inout.new.submit')}
          </button>
        </>
      }
    >
      <form
        id={ids.form}
        ref={form}
        className="booking-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <fieldset className="form-section">
          <legend>{t('inout.new.student')}</legend>
          <div className="form-grid two">
            <TextField field="name" label={t('inout.new.name')} problem={shown('name')} t={t}>
              {(props) => <input {...props} type="text" autoComplete="off" value={draft.name} onChange={(e) => update({ name: e.target.value })} onBlur={() => touch('name')} data-autofocus />}
            </TextField>
            <TextField field="email" label={t('inout.new.email')} problem={shown('email')} t={t}>
              {(props) => <input {...props} type="email" autoComplete="off" spellCheck={false} value={draft.email} onChange={(e) => update({ email: e.target.value })} onBlur={() => touch('email')} />}
            </TextField>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('inout.new.when')}</legend>
          <div className="form-grid three">
            <TextField field="date" label={t('inout.new.date')} problem={shown('date')} t={t} describedBy={ids.zone}>
              {(props) => <input {...props} type="date" value={draft.date} onChange={(e) => update({ date: e.target.value })} onBlur={() => touch('date')} />}
            </TextField>
            <TextField field="time" label={t('inout.new.start')} problem={shown('time') ?? (problems.time === 'nonexistent' ? 'nonexistent' : undefined)} t={t} describedBy={ids.zone}>
              {(props) => (
                <select {...props} value={draft.time} onChange={(e) => update({ time: e.target.value })}>
                  {QUARTERS.map((hhmm) => (
                    <option key={hhmm} value={hhmm}>
                      {hhmm}
                    </option>
                  ))}
                </select>
              )}
            </TextField>
            <TextField field="duration" label={t('inout.new.duration')} problem={shown('duration')} t={t}>
              {(props) => (
                <select {...props} value={draft.durationMinutes} onChange={(e) => update({ durationMinutes: Number(e.target.value) })}>
                  {durations.map((d) => (
                    <option key={d} value={d}>
                      {t('inout.new.minutes', { n: d })}
                    </option>
                  ))}
                </select>
              )}
            </TextField>
          </div>
          <p className="field-note" id={ids.zone}>
            {t('inout.new.zoneNote', { zone: timeZone })}
          </p>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('inout.new.class')}</legend>
          <div className="form-grid type-row">
            <fieldset className="form-field segmented-field" data-testid="new-booking-type">
              <legend>{t('inout.new.type')}</legend>
              <div className="segmented">
                {(['individual', 'grupal'] as const).map((type) => (
                  <label key={type} className={`segment${draft.classType === type ? ' is-on' : ''}`}>
                    <input type="radio" name={`${ids.form}-type`} value={type} checked={draft.classType === type} onChange={() => setClass(type, type === 'grupal' ? Math.max(2, draft.participants) : 1)} />
                    {t(type === 'individual' ? 'classType.individual' : 'classType.grupal')}
                  </label>
                ))}
              </div>
            </fieldset>
            <TextField field="participants" label={t('inout.new.participants')} problem={shown('participants')} t={t}>
              {(props) => (
                <select {...props} value={draft.participants} disabled={draft.classType === 'individual'} onChange={(e) => setClass(draft.classType, Number(e.target.value))}>
                  {participantOptions.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </TextField>
            <TextField field="price" label={t('inout.new.price')} problem={shown('price')} t={t} describedBy={ids.priceNote}>
              {(props) => (
                <span className="input-affix">
                  <span className="affix" aria-hidden="true">
                    $
                  </span>
                  <input
                    {...props}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={draft.price}
                    onChange={(e) => {
                      setPriceEdited(true);
                      update({ price: e.target.value });
                    }}
                    onBlur={() => touch('price')}
                  />
                </span>
              )}
            </TextField>
          </div>
          <p className="field-note" id={ids.priceNote}>
            {t('inout.new.priceNote', { price: formatPrice(platformPrice, locale) })}
            {priceEdited && draft.price.trim() !== String(platformPrice) ? (
              <>
                {' · '}
                <button
                  type="button"
                  className="link-button inline"
                  onClick={() => {
                    setPriceEdited(false);
                    update({ price: String(platformPrice) });
                  }}
                >
                  {formatPrice(platformPrice, locale)}
                </button>
              </>
            ) : null}
          </p>
          <TextField
            field="focus"
            label={t('inout.new.focus')}
            problem={shown('focus') ?? (problems.focus ? problems.focus : undefined)}
            t={t}
            describedBy={ids.focusCount}
            aside={
              <span className={`char-count${focusLength > FOCUS_MAX ? ' is-over' : ''}`} id={ids.focusCount} aria-live={focusLength >= FOCUS_MAX - 10 ? 'polite' : 'off'}>
                {t('inout.new.focusCount', { n: focusLength, max: FOCUS_MAX })}
              </span>
            }
          >
            {(props) => <input {...props} type="text" autoComplete="off" placeholder={t('inout.new.focusPlaceholder')} value={draft.focus} onChange={(e) => update({ focus: e.target.value })} onBlur={() => touch('focus')} />}
          </TextField>
        </fieldset>

        {error ? <ErrorBox error={error} t={t} onDismiss={() => setError(null)} /> : null}
      </form>
    </Dialog>
  );
}

interface ControlProps {
  id: string;
  'data-field': DraftField;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'data-testid': string;
}

/** A labelled control with its message under it; the message is the control's description while it shows. */
function TextField({
  field,
  label,
  problem,
  t,
  describedBy,
  aside,
  children,
}: {
  field: DraftField;
  label: string;
  problem: FieldProblem | undefined;
  t: Translate;
  describedBy?: string;
  aside?: ReactNode;
  children(props: ControlProps): ReactNode;
}) {
  const id = useId();
  const problemId = useId();
  const described = [problem ? problemId : null, describedBy].filter(Boolean).join(' ');
  return (
    <div className={`form-field${problem ? ' has-problem' : ''}`}>
      <div className="form-label-row">
        <label htmlFor={id}>{label}</label>
        {aside}
      </div>
      {children({ id, 'data-field': field, 'aria-invalid': problem ? true : undefined, 'aria-describedby': described || undefined, 'data-testid': `new-booking-${field}` })}
      {problem ? (
        <p className="field-problem" id={problemId} data-testid={`problem-${field}`}>
          {t(PROBLEM_TEXT[problem])}
        </p>
      ) : null}
    </div>
  );
}
