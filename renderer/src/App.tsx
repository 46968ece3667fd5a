import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Booking } from '../../shared/booking';
import type { Notice } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/errors';
import type { Locale, Settings, SettingsPatch } from '../../shared/settings';
import { AccountArea } from './account/AccountArea';
import { AccountBanners } from './account/AccountBanners';
import { useAccount } from './account/useAccount';
import { api } from './api';
import { ErrorBox } from './components/ErrorBox';
import { NoticeBanner } from './components/NoticeBanner';
import { OfflineBanner } from './components/OfflineBanner';
import { BusinessViews, useBusinessViews } from './business/BusinessViews';
import { DetailsPanel } from './details/DetailsPanel';
import { addDaysToDay, formatWeekRange, formatZoneName } from './format';
import { Header } from './header/Header';
import { SettingsMenu } from './header/SettingsMenu';
import { SyncNowButton, SyncStatusText } from './header/SyncIndicator';
import { useNow } from './hooks/useNow';
import { useOnline } from './hooks/useOnline';
import { useOutbox } from './hooks/useOutbox';
import { useSyncStatus } from './hooks/useSyncStatus';
import { OutboxList } from './outbox/OutboxList';
import { useWorkingHours } from './hooks/useWorkingHours';
import { classCount, translator } from './i18n';
import { useWeekKeyboard } from './keyboard';
import { arrivedSettings, takeEarlySettings } from './startup';
import { useInOut } from './inout/InOut';
import { useWeeks } from './week/useWeeks';
import { weekView } from './week/view';
import type { WeekReply } from './week/week-cache';
import { WeekAnnouncer, type Announcement } from './week/WeekAnnouncer';
import { WeekGrid } from './week/WeekGrid';
import { wallTime } from './week/zoned';

const TOAST_MS = 2500;

/**
 * The teacher's week: header (navigation, zone, sync, preferences, and the
 * slot for the account area), banners, the week grid and the details panel.
 */
export function App() {
  // Drawn at the first render when the settings asked for at start have come (startup.ts).
  const [settings, setSettings] = useState<Settings | null>(arrivedSettings);
  const [anchor, setAnchor] = useState<string | null>(() => {
    const early = arrivedSettings();
    return early ? wallTime(Date.now(), early.timeZone).day : null;
  });
  const [settingsError, setSettingsError] = useState<IpcError | null>(null);
  const [appError, setAppError] = useState<IpcError | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // What to announce, kept as facts (not a sentence) so that it is said in the language on screen; the announcer holds it (a switch renders the app once).
  const announce = useRef<(facts: Announcement) => void>(() => undefined);
  const [toast, setToast] = useState<{ text: string; n: number } | null>(null);
  const [copyError, setCopyError] = useState<{ id: string; error: IpcError } | null>(null);
  const [scrollTo, setScrollTo] = useState<{ minute: number; token: number } | null>(null);
  // A new token on each request (a counter: the clock may stand still, and two requests can share a millisecond).
  const scrollToMinute = useCallback((minute: number) => setScrollTo((prev) => ({ minute, token: (prev?.token ?? 0) + 1 })), []);
  const [workingHours, setWorkingHours] = useWorkingHours();
  const account = useAccount();
  const now = useNow();
  const online = useOnline();
  // The week on screen, its neighbours ready ahead, all refreshed when main says bookings changed.
  const weeks = useWeeks(anchor, settings);
  const { week, reload } = weeks;
  const loadError = settingsError ?? weeks.error;
  const sync = useSyncStatus(reload);
  const outbox = useOutbox();
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const announceNextWeek = useRef(false);
  const scrolledOnce = useRef(false);
  // A place to scroll to once its week is the one drawn (after create or search in another week), and the class it is for:
  // a week cached before that class was created is not it (its hours may differ), the copy main sends after is.
  const pendingScroll = useRef<{ day: string; minute: number; bookingId?: string } | null>(null);

  const locale: Locale = settings?.locale ?? 'es';
  const t = useMemo(() => translator(locale), [locale]);
  const timeZone = week?.timeZone ?? settings?.timeZone ?? null;
  const today = timeZone ? wallTime(now, timeZone).day : null;

  // Settings and store notices, once.
  useEffect(() => {
    void (async () => {
      const reply = await (takeEarlySettings() ?? api.getSettings({}));
      if (!reply.ok) {
        setSettingsError(reply.error);
        return;
      }
      setSettings(reply.value);
      setAnchor(wallTime(Date.now(), reply.value.timeZone).day);
      const status = await api.getAppStatus({});
      if (status.ok) setNotices(status.value.notices);
    })();
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const view = useMemo(() => (week ? weekView(week, workingHours) : null), [week, workingHours]);
  // The neighbours, laid out with the same working hours, for the grid to draw ahead.
  const ahead = useMemo(() => weeks.ahead.map((reply) => ({ days: reply.week.days, ...weekView(reply, workingHours) })), [weeks.ahead, workingHours]);
  // Their titles too (formatted once, kept by format.ts), so a switch formats no date.
  useEffect(() => {
    for (const week of ahead) formatWeekRange(week.days, locale);
  }, [ahead, locale]);

  const weekDays = week?.week.days;
  const weekLabel = useMemo(() => (weekDays ? formatWeekRange(weekDays, locale) : ''), [weekDays, locale]);
  const zoneName = useMemo(() => (timeZone ? formatZoneName(timeZone, locale) : null), [timeZone, locale]);
  const classTotal = view?.layout.order.length ?? 0;
  const pendingTotal = week?.bookings.filter((b) => b.status === 'pending').length ?? 0;

  // Announce a week reached by navigation; scroll to now the first time, and to a class shown once its week is drawn.
  useEffect(() => {
    if (!week || !view) return;
    if (announceNextWeek.current) {
      announceNextWeek.current = false;
      announce.current({ days: week.week.days, count: view.layout.order.length });
    }
    const target = pendingScroll.current;
    if (target && week.week.days.includes(target.day) && (!target.bookingId || week.bookings.some((b) => b.id === target.bookingId))) {
      pendingScroll.current = null;
      scrolledOnce.current = true;
      scrollToMinute(target.minute);
    } else if (!scrolledOnce.current && !target) {
      scrolledOnce.current = true;
      scrollToMinute(initialScrollMinute(week, view.hours.startHour));
    }
  }, [week, view, scrollToMinute]);

  /** Scrolls to a minute of a day now if its week is the one drawn (holding the class, if one is given), else once that week has loaded (with its own hours). */
  const scrollWhenShown = useCallback(
    (day: string, minute: number, bookingId?: string) => {
      if (week?.week.days.includes(day) && (!bookingId || week.bookings.some((b) => b.id === bookingId))) {
        pendingScroll.current = null;
        scrollToMinute(minute);
      } else pendingScroll.current = { day, minute, ...(bookingId ? { bookingId } : {}) };
    },
    [week, scrollToMinute],
  );

  // Steps from the week last asked for, not the one last loaded: quick repeated clicks all count.
  const goWeeks = useCallback((delta: number) => {
    announceNextWeek.current = true;
    setAnchor((day) => (day ? addDaysToDay(day, 7 * delta) : day));
  }, []);
  const goToday = useCallback(() => {
    if (!timeZone) return;
    const day = wallTime(Date.now(), timeZone).day;
    if (!week?.week.days.includes(day)) announceNextWeek.current = true;
    setAnchor(day);
    scrollWhenShown(day, wallTime(Date.now(), timeZone).minute);
  }, [timeZone, week, scrollWhenShown]);

  const showToast = useCallback((text: string) => setToast({ text, n: Date.now() }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const copy = useCallback(
    async (booking: Booking) => {
      if (!booking.meetLink) {
        showToast(t('copy.noLink'));
        return;
      }
      const reply = await api.copyMeetLink({ id: booking.id });
      if (reply.ok) {
        setCopyError(null);
        showToast(t('copy.done'));
      } else {
        setCopyError({ id: booking.id, error: reply.error });
      }
    },
    [t, showToast],
  );

  const selected = useMemo(() => week?.bookings.find((b) => b.id === selectedId) ?? null, [week, selectedId]);

  const focusBooking = useCallback((id: string) => {
    const el = document.querySelector<HTMLButtonElement>(`.week-pane.is-shown [data-testid="booking"][data-booking-id="${CSS.escape(id)}"][data-primary="true"]`);
    el?.focus();
  }, []);

  useWeekKeyboard({
    order: view?.layout.order ?? [],
    selectedId,
    onWeek: goWeeks,
    onToday: goToday,
    onSelect: (id) => {
      setSelectedId(id);
      // The button exists already: the id comes from the rendered week.
      requestAnimationFrame(() => focusBooking(id));
    },
    onOpen: () => detailsHeading.current?.focus(),
    onCopy: () => {
      if (selected) void copy(selected);
      else showToast(t('copy.noSelection'));
    },
  });

  const saveSettings = async (patch: SettingsPatch) => {
    const reply = await api.updateSettings(patch);
    if (reply.ok) {
      setSettings(reply.value);
      setAppError(null);
    } else setAppError(reply.error);
  };

  // The preferences and the account area do not change with the week: built again only when what they show changes.
  const settingsMenu = useMemo(
    () =>
      settings ? (
        <SettingsMenu
          t={t}
          settings={settings}
          workingHours={workingHours}
          onLocale={(l) => void saveSettings({ locale: l })}
          onWeekStart={(d) => void saveSettings({ weekStartsOn: d })}
          onWorkingHours={setWorkingHours}
          onTimeZone={async (timeZone) => {
            const reply = await api.updateSettings({ timeZone });
            if (!reply.ok) return reply.error.message;
            setSettings(reply.value);
            return null;
          }}
          onReminderMinutes={(reminderMinutes) => void saveSettings({ reminderMinutes })}
          onStaleRules={(staleRules) => void saveSettings({ staleRules })}
        />
      ) : null,
    // saveSettings only calls main and sets state: the first one made serves.
    [settings, workingHours, t, setWorkingHours],
  );
  const accountArea = useMemo(() => <AccountArea account={account} t={t} />, [account, t]);

  const { patch } = weeks;
  const replaceBooking = useCallback(
    (updated: Booking) => {
      patch(updated);
      reload();
    },
    [patch, reload],
  );

  // Bookings in and out (issue 6): a class found, created or imported is shown in its week, selected, with focus on its details.
  const focusDetailsOf = useRef<string | null>(null);
  const showBooking = useCallback(
    (booking: Booking) => {
      if (!timeZone) return;
      const wall = wallTime(Date.parse(booking.startTime), timeZone);
      if (!week?.week.days.includes(wall.day)) announceNextWeek.current = true;
      focusDetailsOf.current = booking.id;
      setAnchor(wall.day);
      setSelectedId(booking.id);
      // Scrolled once the week holding it is drawn, with that week's hours (its week may not have loaded yet, or only a copy from before it was created).
      scrollWhenShown(wall.day, wall.minute, booking.id);
    },
    [timeZone, week, scrollWhenShown],
  );
  useEffect(() => {
    if (!selected || focusDetailsOf.current !== selected.id) return;
    focusDetailsOf.current = null;
    requestAnimationFrame(() => detailsHeading.current?.focus());
  }, [selected]);
  const business = useBusinessViews();
  const offline = sync.status?.state === 'offline' || !online;
  const inOut = useInOut({ t, locale, settings, timeZone, weekDays: week?.week.days ?? [], today, onShowBooking: showBooking, onSyncNow: () => void sync.syncNow(), onToast: showToast, extraCommands: business.entries(t) });

  const weekBookings = week?.bookings;
  const bookingsById = useMemo(() => new Map((weekBookings ?? []).map((b) => [b.id, b])), [weekBookings]);

  return (
    <div className="app">
      <Header
        t={t}
        weekLabel={weekLabel ? t('week.label', { range: weekLabel }) : t('app.loading')}
        summary={week ? classCount(t, classTotal) : null}
        pendingCount={pendingTotal}
        isCurrentWeek={!!today && !!week?.week.days.includes(today)}
        timeZone={timeZone}
        zoneName={zoneName}
        offline={offline}
        onPrevious={() => goWeeks(-1)}
        onNext={() => goWeeks(1)}
        onToday={goToday}
        syncStatus={timeZone ? <SyncStatusText sync={sync} offline={offline} now={now} timeZone={timeZone} locale={locale} t={t} /> : null}
        syncButton={<SyncNowButton sync={sync} offline={!online} t={t} />}
        settings={settingsMenu}
        accountArea={accountArea}
        commands={inOut.commands}
        onOpenQueue={() => business.open('queue')}
      />

      <div className="banners">
        <AccountBanners account={account} t={t} />
        {notices.map((notice) => (
          <NoticeBanner key={notice.kind + (notice.keptAs ?? '')} notice={notice} t={t} />
        ))}
        {offline && timeZone ? <OfflineBanner lastSyncedAt={sync.status?.lastSyncedAt ?? null} now={now} timeZone={timeZone} locale={locale} t={t} /> : null}
        {timeZone ? <OutboxList outbox={outbox} bookings={bookingsById} timeZone={timeZone} locale={locale} t={t} /> : null}
        {loadError ? <ErrorBox error={loadError} t={t} onRetry={reload} /> : null}
        {appError ? <ErrorBox error={appError} t={t} onDismiss={() => setAppError(null)} /> : null}
        {sync.error ? <ErrorBox error={sync.error} t={t} onDismiss={sync.clearError} /> : null}
      </div>

      <main className="workspace">
        {week && view && timeZone ? (
          <WeekGrid
            days={week.week.days}
            layout={view.layout}
            hours={view.hours}
            timeZone={timeZone}
            locale={locale}
            t={t}
            today={today}
            selectedId={selectedId}
            onSelect={setSelectedId}
            scrollTo={scrollTo}
            label={t('week.label', { range: weekLabel })}
            nowMs={now}
            staleRules={settings?.staleRules}
            waitingIds={outbox.waitingIds}
            ahead={ahead}
          />
        ) : (
          <div className="week loading" aria-busy="true">
            <p>{loadError ? t('week.loadFailed') : t('app.loading')}</p>
          </div>
        )}
        {timeZone ? (
          <DetailsPanel
            booking={selected}
            timeZone={timeZone}
            locale={locale}
            t={t}
            offline={offline}
            waiting={selected ? outbox.actions.filter((a) => a.bookingId === selected.id) : []}
            outbox={outbox}
            headingRef={detailsHeading}
            onCopy={copy}
            copyError={copyError && selected && copyError.id === selected.id ? copyError.error : null}
            onDismissCopyError={() => setCopyError(null)}
            onChanged={replaceBooking}
            onClose={() => setSelectedId(null)}
            onEscape={() => {
              if (selectedId) focusBooking(selectedId);
            }}
          />
        ) : null}
      </main>

      {inOut.overlays}
      {settings && timeZone && today ? (
        <BusinessViews
          view={business.view}
          t={t}
          locale={locale}
          timeZone={timeZone}
          today={today}
          staleRules={settings.staleRules}
          offline={offline}
          outbox={outbox}
          onChanged={replaceBooking}
          onShowBooking={(b) => {
            business.close();
            showBooking(b);
          }}
          onToast={showToast}
          onClose={business.close}
        />
      ) : null}
      <WeekAnnouncer t={t} locale={locale} connect={announce} />
      <div className="toast-region" role="status" aria-live="polite" data-testid="toast">
        {toast ? (
          <p className="toast" key={toast.n}>
            {toast.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Where the week opens: this week, at the earliest class of today not over
 * yet (so the evening's classes are in view in the morning), else now; another week, at its earliest hour of class on
 * any day (by the clock, not the first class in time); else the working hours' start.
 */
function initialScrollMinute(week: WeekReply, startHour: number): number {
  const nowMs = Date.now();
  const now = wallTime(nowMs, week.timeZone);
  const walls = week.bookings.map((b) => ({ end: Date.parse(b.endTime), wall: wallTime(Date.parse(b.startTime), week.timeZone) }));
  if (week.week.days.includes(now.day)) {
    const today = walls.filter((w) => w.wall.day === now.day && w.end > nowMs).map((w) => w.wall.minute);
    return today.length ? Math.min(...today) : now.minute;
  }
  const minutes = walls.filter((w) => week.week.days.includes(w.wall.day)).map((w) => w.wall.minute);
  return minutes.length ? Math.min(...minutes) : startHour * 60;
}
