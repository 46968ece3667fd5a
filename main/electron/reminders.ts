import { Notification } from 'electron';
import type { Reminder } from '../desktop/reminders';
import type { DesktopStrings } from '../desktop/strings';
import type { Logger } from '../logger';

/**
 * Reminder notifications. What is due, and when, is decided in
 * main/desktop/reminders.ts; this only shows it. Clicking the notification
 * joins the class (opens its Meet link through the allow-list); on macOS and
 * Windows a "Copy Meet link" button copies it instead.
 */
export interface ReminderActions {
  join(bookingId: string): void;
  copyMeetLink(bookingId: string): void;
  openApp(): void;
}

export function createReminderNotifier(actions: ReminderActions, log: Logger): { show(reminder: Reminder, strings: DesktopStrings): void } {
  // Notifications must stay referenced until they are done, or their click handlers go with the garbage collector.
  const live = new Set<Notification>();
  return {
    show(reminder, strings) {
      if (!Notification.isSupported()) {
        log.warn('desktop notifications are not supported here; reminder not shown', { bookingId: reminder.bookingId });
        return;
      }
      const hasLink = reminder.meetLink !== null;
      const notification = new Notification({
        title: strings.reminderTitle(reminder.time, reminder.student),
        body: strings.reminderBody(reminder.minutesUntilStart, hasLink),
        urgency: 'normal',
        timeoutType: 'default',
        actions: hasLink ? [{ type: 'button', text: strings.copyMeetLink }] : [],
      });
      const done = () => live.delete(notification);
      notification.on('click', () => {
        if (hasLink) actions.join(reminder.bookingId);
        else actions.openApp();
        done();
      });
      notification.on('action', () => {
        actions.copyMeetLink(reminder.bookingId);
        done();
      });
      notification.on('close', done);
      notification.on('failed', (_event, error) => {
        log.warn('reminder notification failed', { error });
        done();
      });
      live.add(notification);
      notification.show();
    },
  };
}
