import { useEffect, useId, useRef, useState } from 'react';
import type { Locale, Settings } from '../../../shared/settings';
import type { StaleRules } from '../../../shared/business/stale';
import { StaleRulesFields } from '../business/StaleRulesFields';
import { GearIcon } from '../components/icons';
import { formatHour } from '../format';
import { LANGUAGE_NAMES, LOCALES, type Translate } from '../i18n';
import type { HourRange } from '../week/layout';

export interface SettingsMenuProps {
  t: Translate;
  settings: Settings;
  workingHours: HourRange;
  onLocale(locale: Locale): void;
  onWeekStart(day: 0 | 1): void;
  onWorkingHours(hours: HourRange): void;
  /** Saves the zone; resolves with main's refusal in words, or null when saved. */
  onTimeZone(timeZone: string): Promise<string | null>;
  onReminderMinutes(minutes: number): void;
  /** Only the thresholds that changed; main merges them over the stored rules. */
  onStaleRules(change: Partial<StaleRules>): void;
}

const REMINDER_CHOICES = [0, 5, 10, 15, 30, 60];
// The zones this Chromium knows, offered as suggestions; main validates whatever is typed.
const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A small preferences popover: language and first day of the week (saved by main), working hours (this screen's own). */
export function SettingsMenu({ t, settings, workingHours, onLocale, onWeekStart, onWorkingHours, onTimeZone, onReminderMinutes, onStaleRules }: SettingsMenuProps) {
  const [open, setOpen] = useState(false);
  const [zone, setZone] = useState(settings.timeZone);
  const [zoneError, setZoneError] = useState<string | null>(null);
  const zoneListId = useId();
  const zoneErrorId = useId();
  useEffect(() => setZone(settings.timeZone), [settings.timeZone]);
  const saveZone = async () => {
    if (zone.trim() === settings.timeZone) return setZoneError(null);
    setZoneError(await onTimeZone(zone.trim()));
  };
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const hourOptions = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i).map((h) => (
      <option key={h} value={h}>
        {h === 24 ? '24:00' : formatHour(h, settings.locale)}
      </option>
    ));

  return (
    <div className="settings">
      <button ref={button} type="button" className="icon-button" aria-expanded={open} aria-controls={panelId} aria-label={t('settings.open')} title={t('settings.open')} onClick={() => setOpen((o) => !o)} data-testid="settings-open">
        <GearIcon />
      </button>
      <div ref={panel} id={panelId} className="settings-panel" role="group" aria-label={t('settings.title')} hidden={!open}>
        <h2 className="settings-title">{t('settings.title')}</h2>
        <label className="field">
          <span>{t('settings.language')}</span>
          <select value={settings.locale} onChange={(e) => onLocale(e.target.value as Locale)} data-testid="language">
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.weekStart')}</span>
          <select value={settings.weekStartsOn} onChange={(e) => onWeekStart(Number(e.target.value) === 0 ? 0 : 1)}>
            <option value={1}>{t('settings.monday')}</option>
            <option value={0}>{t('settings.sunday')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.timeZone')}</span>
          <input
            value={zone}
            list={zoneListId}
            onChange={(e) => setZone(e.target.value)}
            onBlur={() => void saveZone()}
            onKeyDown={(e) => e.key === 'Enter' && void saveZone()}
            aria-invalid={zoneError ? true : undefined}
            aria-describedby={zoneError ? zoneErrorId : undefined}
            spellCheck={false}
            data-testid="time-zone-input"
          />
          <datalist id={zoneListId}>
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {zoneError ? (
            <span className="field-error" id={zoneErrorId} role="alert">
              {zoneError}
            </span>
          ) : null}
        </label>
        <label className="field">
          <span>{t('settings.reminder')}</span>
          <select value={settings.reminderMinutes} onChange={(e) => onReminderMinutes(Number(e.target.value))} data-testid="reminder-minutes">
            {[...new Set([...REMINDER_CHOICES, settings.reminderMinutes])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('settings.reminderOff') : t('settings.reminderMinutes', { n: m })}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field-group">
          <legend>{t('settings.hours')}</legend>
          <label className="field inline">
            <span>{t('settings.hoursFrom')}</span>
            <select value={workingHours.startHour} onChange={(e) => onWorkingHours({ ...workingHours, startHour: Number(e.target.value) })}>
              {hourOptions(0, workingHours.endHour - 1)}
            </select>
          </label>
          <label className="field inline">
            <span>{t('settings.hoursTo')}</span>
            <select value={workingHours.endHour} onChange={(e) => onWorkingHours({ ...workingHours, endHour: Number(e.target.value) })}>
              {hourOptions(workingHours.startHour + 1, 24)}
            </select>
          </label>
          <p className="field-note">{t('settings.hoursNote')}</p>
        </fieldset>
        <StaleRulesFields t={t} rules={settings.staleRules} onChange={onStaleRules} />
      </div>
    </div>
  );
}
