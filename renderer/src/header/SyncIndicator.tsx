import type { Locale } from '../../../shared/settings';
import { SyncIcon } from '../components/icons';
import { formatSyncTime } from '../format';
import type { Translate } from '../i18n';
import type { SyncState } from '../hooks/useSyncStatus';

/** "Syncing…", "Offline", or when it last synced (a live status line). `offline` is the page's own reading, known from the first second. */
export function SyncStatusText({ sync, offline, now, timeZone, locale, t }: { sync: SyncState; offline: boolean; now: number; timeZone: string; locale: Locale; t: Translate }) {
  const { status, available } = sync;
  const syncing = !offline && status?.state === 'syncing';
  let text: string;
  let tone = '';
  if (offline) {
    text = t('sync.offline');
    tone = ' is-offline';
  } else if (syncing) text = t('sync.syncing');
  else if (!available) {
    text = t('sync.unavailable');
    tone = ' is-muted';
  } else if (status?.state === 'error') {
    text = t('sync.error');
    tone = ' is-error';
  } else if (status?.state === 'signed-out') {
    text = t('sync.signedOut');
    tone = ' is-muted';
  } else if (status?.state === 'keychain-locked' || status?.state === 'keychain-unavailable') {
    text = t(status.state === 'keychain-locked' ? 'sync.keychainLocked' : 'sync.keychainUnavailable');
    tone = ' is-error';
  } else if (status?.lastSyncedAt) text = t('sync.last', { time: formatSyncTime(status.lastSyncedAt, now, timeZone, locale) });
  else text = t('sync.never');

  return (
    <p className={`sync-text${tone}`} role="status" data-testid="sync-status" data-state={offline ? 'offline' : (status?.state ?? (available ? 'unknown' : 'unavailable'))}>
      {syncing ? <span className="spinner" aria-hidden="true" /> : null}
      {text}
    </p>
  );
}

/**
 * "Sync now"; with the machine offline it stays focusable but says why it cannot (aria-disabled with a reason,
 * as the panel's actions do). When only Google did not answer, it stays the way to try again at once.
 */
export function SyncNowButton({ sync, offline, t }: { sync: SyncState; offline: boolean; t: Translate }) {
  const syncing = sync.status?.state === 'syncing';
  const blocked = syncing || offline;
  return (
    <button
      type="button"
      className="button small"
      onClick={() => {
        if (!blocked) void sync.syncNow();
      }}
      aria-disabled={blocked || undefined}
      title={offline ? t('sync.needsConnection') : undefined}
      data-testid="sync-now"
    >
      <SyncIcon className={syncing ? 'spin' : undefined} />
      <span className="sync-now-label">{t('sync.now')}</span>
    </button>
  );
}
