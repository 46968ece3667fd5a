import { globalShortcut } from 'electron';
import type { Logger } from '../logger';

/**
 * The global shortcut that copies the next class's Meet link. Off unless the
 * teacher sets one (settings: nextClassShortcut, validated in
 * main/desktop/desktop-settings.ts); changing the setting re-registers it.
 */
export function createNextClassShortcut(onPress: () => void, log: Logger): { set(accelerator: string | null): void; dispose(): void } {
  let current: string | null = null;
  const release = () => {
    if (current) globalShortcut.unregister(current);
    current = null;
  };
  return {
    set(accelerator) {
      if (accelerator === current) return;
      release();
      if (!accelerator) return;
      try {
        if (globalShortcut.register(accelerator, onPress)) current = accelerator;
        else log.warn('the next-class shortcut is taken by another application', { accelerator });
      } catch (error) {
        log.warn('the next-class shortcut could not be registered', { accelerator, error: error instanceof Error ? error.message : String(error) });
      }
    },
    dispose: release,
  };
}
