import type { ReactNode } from 'react';
import { ChevronLeft, ChevronRight, GlobeIcon } from '../components/icons';
import type { Translate } from '../i18n';

export interface HeaderProps {
  t: Translate;
  weekLabel: string;
  /** "12 classes · 3 to confirm" */
  summary: string | null;
  pendingCount: number;
  isCurrentWeek: boolean;
  timeZone: string | null;
  /** The zone by name in the teacher's language ("hora estándar de Argentina"). */
  zoneName: string | null;
  /** Offline (the system says so, or main's sync does): the header shows it too, not only the banner. */
  offline?: boolean;
  onPrevious(): void;
  onNext(): void;
  onToday(): void;
  /** The sync status line ("Last synced 17:05", "Syncing…"), shown under the zone. */
  syncStatus: ReactNode;
  /** The "Sync now" button. */
  syncButton: ReactNode;
  /** The preferences menu (language, week start, working hours). */
  settings: ReactNode;
  /**
   * Slot for the Google account area (sign-in, reconnect; issue 3) and, next
   * to it, entries such as import (issue 6). Rendered at the right end of
   * the header; nothing is there until those screens exist.
   */
  accountArea?: ReactNode;
  /** Bookings in and out (issue 6): new class, import, export and search, in a row of their own under the week's bar. */
  commands?: ReactNode;
  /** Opens the To-confirm queue (the pending count is its button). */
  onOpenQueue?(): void;
}

/** The app's top bar: brand, week navigation, zone, sync, preferences, and the account slot. */
export function Header({ t, weekLabel, summary, pendingCount, isCurrentWeek, timeZone, zoneName, offline = false, onPrevious, onNext, onToday, syncStatus, syncButton, settings, accountArea, commands, onOpenQueue }: HeaderProps) {
  return (
    <header className={`app-header${offline ? ' is-offline' : ''}`} data-offline={offline ? 'true' : undefined}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          TD
        </span>
        <h1>{t('app.title')}</h1>
      </div>
      <nav className="week-nav" aria-label={t('week.region')}>
        <button type="button" className={`button today${isCurrentWeek ? " is-current" : ""}`} onClick={onToday} title={t("week.todayLong")} aria-keyshortcuts="T" data-testid="week-today">
          {t('week.today')}
        </button>
        <div className="nav-pair">
          <button type="button" className="icon-button" onClick={onPrevious} aria-label={t('week.previous')} aria-keyshortcuts="ArrowLeft" data-testid="week-previous">
            <ChevronLeft />
          </button>
          <button type="button" className="icon-button" onClick={onNext} aria-label={t('week.next')} aria-keyshortcuts="ArrowRight" data-testid="week-next">
            <ChevronRight />
          </button>
        </div>
        <div className="week-title-block">
          <h2 className="week-title" data-testid="week-label">
            {weekLabel}
          </h2>
          {summary ? (
            <p className="week-summary">
              {summary}
              {pendingCount > 0 ? (
                <button type="button" className="summary-pending" onClick={onOpenQueue} title={t('queue.open')} aria-haspopup="dialog" data-testid="pending-pill">
                  {t('week.pendingCount', { n: pendingCount })}
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
      </nav>
      {/* Actions on top, the zone and the sync state under them: the week's title keeps the room it needs. */}
      <div className="header-tools">
        <div className="header-actions">
          {syncButton}
          {settings}
          {accountArea ? <div className="account-slot">{accountArea}</div> : null}
        </div>
        <div className="header-meta">
          {timeZone ? (
            <p className="zone" title={`${t('app.zoneLabel')}: ${timeZone}`}>
              <GlobeIcon />
              <span className="sr-only">{t('app.zoneLabel')}: </span>
              <span data-testid="zone-name">{zoneName ?? timeZone}</span>
              {/* The IANA id, for tests that pin the zone (the tooltip shows it to the teacher). */}
              <span data-testid="time-zone" hidden>
                {timeZone}
              </span>
            </p>
          ) : null}
          {syncStatus}
        </div>
      </div>
      {commands}
    </header>
  );
}
