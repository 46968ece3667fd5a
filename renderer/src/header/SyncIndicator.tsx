import type { Locale } from '../../../shared/settings';
import { SyncIcon } from '../components/icons';
import { formatSyncTime } from '../format';
import type { Translate } from '../i18n';
import type { SyncState } from '../hooks/useSyncStatus';

/** "Syncing…", or when it last synced (a live status line). */
export function SyncStatusText({ sync, now, timeZone, locale, t }: { sync: SyncState; now: number; timeZone: string; locale: Locale; t: Translate }) {
  const { status, available } = sync;
  const syncing = status?.state === 'syncing';
  let text: string;
  let tone = '';
  if (syncing) text = t('sync.syncing');
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
    <p className={`sync-text${tone}`} role="status" data-testid="sync-status" data-state={status?.state ?? (available ? 'unknown' : 'unavailable')}>
      {syncing ? <span className="spinner" aria-hidden="true" /> : null}
      {text}
    </p>
  );
}

export function SyncNowButton({ sync, t }: { sync: SyncState; t: Translate }) {
  const syncing = sync.status?.state === 'syncing';
  return (
    <button
      type="button"
      className="button small"
      onClick={() => {
        if (!syncing) void sync.syncNow();
      }}
      aria-disabled={syncing || undefined}
      data-testid="sync-now"
    >
      <SyncIcon className={syncing ? 'spin' : undefined} />
      {t('sync.now')}
    </button>
  );
}
