/**
 * The IPC contract's channel names, one per method and one per push from
 * main; contract.ts gives each its schemas. Apart from the schemas so that
 * preload and the harness bridge, which only need the names, build
 * `window.api` without building a zod schema: building the whole contract
 * took about 50 ms before the page's own script could start.
 */

export const methodChannels = {
  getAppStatus: 'app:status',
  listWeek: 'bookings:list-week',
  getBooking: 'bookings:get',
  createBooking: 'bookings:create',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getAccount: 'account:get',
  setClientConfig: 'account:set-client',
  signIn: 'account:sign-in',
  cancelSignIn: 'account:cancel-sign-in',
  signOut: 'account:sign-out',
  retryKeychain: 'account:restore',
  checkFreeBusy: 'calendar:free-busy',
  confirmBooking: 'bookings:confirm',
  rescheduleBooking: 'bookings:reschedule',
  cancelBooking: 'bookings:cancel',
  completeBooking: 'bookings:complete',
  syncNow: 'calendar:sync',
  getSyncStatus: 'calendar:sync-status',
  copyMeetLink: 'bookings:copy-meet-link',
  openLink: 'bookings:open-link',
  previewImport: 'import:preview',
  commitImport: 'import:commit',
  searchBookings: 'bookings:search',
  exportBookings: 'bookings:export',
  setPayment: 'bookings:set-payment',
  listToConfirm: 'business:to-confirm',
  getEarnings: 'business:earnings',
  exportEarnings: 'business:export-earnings',
  listStudents: 'business:students',
  getStudent: 'business:student',
  copyStudentEmail: 'business:copy-student-email',
  listOutbox: 'outbox:list',
  withdrawOutboxAction: 'outbox:withdraw',
  sendOutboxActionAnyway: 'outbox:send-anyway',
  exportPlatformChanges: 'platform:export-changes',
} as const;

export const eventChannels = {
  bookingsChanged: 'event:bookings-changed',
  accountChanged: 'event:account-changed',
  syncStatusChanged: 'event:sync-status',
  confirmProgress: 'event:confirm-progress',
  menuCommand: 'event:menu-command',
  outboxChanged: 'event:outbox-changed',
  importProgress: 'event:import-progress',
} as const;

export type MethodName = keyof typeof methodChannels;
export type EventChannelName = keyof typeof eventChannels;
