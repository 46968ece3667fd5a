import { formatSyncTime } from '../format';
import type { Translate } from '../i18n';
import type { Locale } from '../../../shared/settings';
import { OfflineIcon } from './icons';

export function OfflineBanner({ lastSyncedAt, now, timeZone, locale, t }: { lastSyncedAt: string | null; now: number; timeZone: string; locale: Locale; t: Translate }) {
  return (
    <div className="banner offline" role="status" data-testid="offline-banner">
      <OfflineIcon />
      <div>
        <p className="banner-title">{lastSyncedAt ? t('offline.banner', { time: formatSyncTime(lastSyncedAt, now, timeZone, locale) }) : t('offline.bannerNever')}</p>
        <p className="banner-hint">{t('offline.hint')}</p>
      </div>
    </div>
  );
}
