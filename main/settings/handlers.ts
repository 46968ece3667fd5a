import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { SettingsStore } from './settings-store';

export function settingsHandlers(settings: SettingsStore, events: EventBus): Pick<Handlers, 'getSettings' | 'updateSettings'> {
  return {
    getSettings: () => settings.get(),
    updateSettings(patch) {
      const next = settings.update(patch);
      // The week shown depends on the zone and first weekday.
      events.emit('bookingsChanged', { reason: 'settings' });
      return next;
    },
  };
}
