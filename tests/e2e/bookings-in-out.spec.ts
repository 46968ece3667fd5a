import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { applicationMenuSpec } from '../../main/desktop/menu-spec';
import { desktopStrings } from '../../main/desktop/strings';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { dragAndDropFile } from './support/drop-file';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';
import { menuCommandOnNextLoad } from './support/menu-command';
import { ndjson, virtualClassDoc } from './support/platform-export';
import { shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * Bookings in and out through the browser harness: import the platform's
 * mongoexport file (chosen and dropped), see the classes in the week,
 * search one and confirm it with Google, add a class by hand, export CSV,
 * and the File menu's commands pushed to the page. Browser and harness run in Tokyo; the
 * teacher's zone is Buenos Aires, so anything read in the machine's zone
 * would land on the wrong day or hour.
 */
const ZONE = DEFAULT_TIME_ZONE;
const MACHINE_ZONE = 'Asia/Tokyo';
const ACCOUNT = 'profe.ana@example.com';
const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

test.use({ timezoneId: MACHINE_ZONE, locale: 'es-AR', viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

const week = weekContaining(localDateOf(new Date(), ZONE), ZONE);
const [monday, tuesday, wednesday, thursday, friday] = week.days as [string, string, string, string, string];
const nextMonday = shiftDay(monday, 7);

/** The platform's export: four good classes and, on line 3, one the platform got wrong (an unknown class type). */
const exportFile = ndjson([
  virtualClassDoc({ oid: 'a5f1c0de0000000000000001', preferenceId: '162275027-aa01', student: { name: 'Valentina Ruiz', email: 'valentina.ruiz@example.com' }, day: tuesday, time: '18:00', timeZone: ZONE, learningFocus: 'Phrasal verbs' }),
  virtualClassDoc({ oid: 'a5f1c0de0000000000000002', preferenceId: '162275027-aa02', student: { name: 'Tomás Aguirre', email: 'tomas@example.com' }, day: thursday, time: '10:30', timeZone: ZONE, accessCode: 'ab1' }),
  virtualClassDoc({ oid: 'a5f1c0de0000000000000003', preferenceId: '162275027-aa03', student: { name: 'Bad Row', email: 'bad@example.com' }, day: wednesday, time: '18:00', timeZone: ZONE, classType: 'vip' }),
  virtualClassDoc({ oid: 'a5f1c0de0000000000000004', preferenceId: '162275027-aa04', student: { name: 'Carla Méndez', email: 'carla@example.com' }, day: friday, time: '19:00', timeZone: ZONE, classType: 'grupal', maxParticipants: 3, classPrice: 36000 }),
  virtualClassDoc({ oid: 'a5f1c0de0000000000000005', preferenceId: '162275027-aa05', student: { name: 'Julieta Navarro', email: 'julieta@example.com' }, day: nextMonday, time: '17:00', timeZone: ZONE }),
]);
const FILE_NAME = 'virtualclasses.json';

let desk: GoogleDesk;
let filesDir: string;
let exportDir: string;

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  desk = await startGoogleDesk({
    name: 'inout',
    email: ACCOUNT,
    appDir: 'app',
    seed: async (dir) => {
      await mkdir(join(dir, 'files'), { recursive: true });
      await writeFile(join(dir, 'files', FILE_NAME), exportFile, 'utf8');
    },
    env: (dir) => ({ TZ: MACHINE_ZONE, TEACHER_DESK_EXPORT_DIR: join(dir, 'exports-here') }),
  });
  filesDir = join(desk.dir, 'files');
  exportDir = join(desk.dir, 'exports-here');
});

test.afterAll(async () => {
  await desk?.close();
});

async function openApp(page: Page): Promise<void> {
  await page.goto(desk.harness.url);
  await expect(page.getByTestId('time-zone')).toHaveText(ZONE);
  await expect(page.getByTestId('week-label')).toContainText('Semana del');
}

const classBox = (page: Page, name: string): Locator => shownWeek(page).getByTestId('booking').filter({ hasText: name });
const dayColumn = (page: Page, day: string): Locator => shownWeek(page).locator(`[data-day="${day}"]`);

test('imports the platform\'s mongoexport file: preview with the invalid row and notes, then the classes in the week; again, nothing changes', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Importar…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importar clases de la plataforma' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Archivo para importar')).toBeFocused();

  await dialog.getByLabel('Archivo para importar').setInputFiles(join(filesDir, FILE_NAME));
  const preview = dialog.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(FILE_NAME);
  await expect(preview).toContainText('Exportación de MongoDB');
  await expect(dialog.getByTestId('import-count-new')).toHaveAttribute('data-count', '4');
  await expect(dialog.getByTestId('import-count-new')).toContainText('Nuevas');
  await expect(dialog.getByTestId('import-count-updated')).toHaveAttribute('data-count', '0');
  await expect(dialog.getByTestId('import-count-unchanged')).toHaveAttribute('data-count', '0');
  await expect(dialog.getByTestId('import-count-invalid')).toHaveAttribute('data-count', '1');
  // The invalid row, with its line in the file and the reason.
  const invalid = dialog.getByTestId('import-invalid').getByRole('listitem');
  await expect(invalid).toHaveCount(1);
  await expect(invalid).toHaveAttribute('data-line', '3');
  await expect(invalid).toContainText('Línea 3');
  await expect(invalid).toContainText('"vip" is not individual or grupal');
  // Notes, grouped by kind, with their lines: Tomás's 10:30 is outside the platform's hours and his code "ab1" was left out.
  const notes = dialog.getByTestId('import-notes');
  await expect(notes.locator('[data-kind="platform-hours"]')).toContainText('Fuera del horario de la plataforma');
  await expect(notes.locator('[data-kind="platform-hours"] [data-line="2"]')).toContainText('Línea 2');
  await expect(notes.locator('[data-kind="access-code"] [data-line="2"]')).toContainText('"ab1"');
  await dialog.screenshot({ path: join(SCREENSHOTS, 'import-preview.png'), animations: 'disabled' });

  await dialog.getByRole('button', { name: 'Importar 4 clases válidas' }).click();
  await expect(dialog.getByTestId('import-result')).toContainText('4 creadas, 0 actualizadas');
  await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Importar…' })).toBeFocused();

  // The week refreshed on its own (bookingsChanged): each class at its Buenos Aires time, on its Buenos Aires day.
  await expect(dayColumn(page, tuesday).getByTestId('booking')).toContainText(['Valentina Ruiz']);
  await expect(classBox(page, 'Valentina Ruiz')).toContainText('18:00–19:00');
  await expect(classBox(page, 'Valentina Ruiz')).toContainText('Pendiente');
  await expect(dayColumn(page, thursday).getByTestId('booking').filter({ hasText: 'Tomás Aguirre' })).toContainText('10:30–11:30');
  await expect(dayColumn(page, friday).getByTestId('booking').filter({ hasText: 'Carla Méndez' })).toContainText('19:00–20:00');
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Bad Row' })).toHaveCount(0);

  // The same file again, dropped on the window this time: nothing to import.
  await dragAndDropFile(page, { name: FILE_NAME, content: exportFile }, () => expect(page.getByTestId('drop-overlay')).toContainText('Soltá el archivo para importarlo'));
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-count-unchanged')).toHaveAttribute('data-count', '4');
  await expect(dialog.getByTestId('import-count-new')).toHaveAttribute('data-count', '0');
  await expect(dialog.getByTestId('import-nothing')).toHaveText('Nada para importar: todas sin cambios.');
  await expect(dialog.getByTestId('import-commit')).toHaveCount(0);
  // Escape closes the dialog.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(classBox(page, 'Valentina Ruiz')).toHaveCount(1);
});

test('a file that cannot be read is refused in plain words, and nothing changes', async ({ page }) => {
  await openApp(page);
  await expect(classBox(page, 'Valentina Ruiz')).toBeVisible();
  const before = await shownWeek(page).getByTestId('booking').count();
  await page.getByRole('button', { name: 'Importar…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importar clases de la plataforma' });
  await dialog.getByLabel('Archivo para importar').setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x01]) });
  const refused = dialog.getByTestId('import-refused');
  await expect(refused).toContainText('No se puede importar este archivo');
  await expect(refused).toContainText('"photo.json" cannot be imported');
  await expect(refused).toContainText('No se cambió nada');
  await dialog.getByRole('button', { name: 'Elegir otro archivo' }).click();
  await expect(dialog.getByLabel('Archivo para importar')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(shownWeek(page).getByTestId('booking')).toHaveCount(before);
});

test('search finds a class by student name in any week, opens it, and it is confirmed with Google', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(ACCOUNT);

  const label = page.getByTestId('week-label');
  const thisWeek = await label.textContent();
  const search = page.getByRole('combobox', { name: 'Buscar clases' });
  await expect(search).toHaveAttribute('placeholder', 'Buscar alumno, e-mail, código…');

  // A class next week: typing (even "t", the Today shortcut) stays in the box; choosing opens that week.
  await search.fill('julieta navarro');
  const results = page.getByRole('listbox', { name: 'Clases encontradas' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Julieta Navarro');
  await expect(results.getByRole('option').first()).toContainText('17:00–18:00');
  await expect(results.getByRole('option').first()).toContainText('Pendiente');
  await search.press('ArrowDown');
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', /.+/);
  await search.press('Enter');
  await expect(page.getByTestId('details-title')).toHaveText('Julieta Navarro');
  await expect(page.getByTestId('details-title')).toBeFocused();
  await expect(dayColumn(page, nextMonday).getByTestId('booking')).toContainText(['Julieta Navarro']);
  await expect(label).not.toHaveText(thisWeek!);
  const nextWeekLabel = await label.textContent();
  await search.focus();
  await search.press('t');
  await search.press('ArrowLeft');
  await expect(label).toHaveText(nextWeekLabel!);

  // By e-mail, Escape closes the list, and the mouse chooses too.
  await search.fill('valentina.ruiz@');
  await expect(results.getByRole('option')).toHaveCount(1);
  await search.press('Escape');
  await expect(results).toBeHidden();
  await search.press('ArrowDown');
  await expect(results).toBeVisible();
  await results.getByRole('option', { name: /Valentina Ruiz/ }).click();
  await expect(label).toHaveText(thisWeek!);
  const panel = page.getByTestId('details');
  await expect(panel.getByTestId('details-title')).toHaveText('Valentina Ruiz');
  await expect(panel.getByTestId('field-time')).toContainText('18:00–19:00');
  await expect(classBox(page, 'Valentina Ruiz')).toHaveAttribute('aria-current', 'true');

  // Confirm it: one event in Google Calendar with a Meet link.
  await panel.getByRole('button', { name: 'Confirmar y crear enlace de Meet' }).click();
  await expect(page.getByTestId('confirm-done')).toContainText('meet.google.com/', { timeout: 30_000 });
  const events = desk.google.calendar.liveEvents(ACCOUNT);
  expect(events).toHaveLength(1);
  expect(events[0]!.start).toEqual({ dateTime: expect.stringMatching(new RegExp(`^${tuesday}T18:00:00-03:00$`)), timeZone: ZONE });
  await expect(classBox(page, 'Valentina Ruiz')).toContainText('Programada');
  await expect(panel.getByTestId('field-status')).toContainText('Programada');
});

test('a class by hand: the form checks the e-mail as it is typed, creates a pending class and shows it in the week', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Nueva clase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nueva clase' });
  await expect(dialog.getByLabel('Nombre y apellido')).toBeFocused();
  // Keys typed into the form are the form's: "t" does not jump to today, arrows do not change the week.
  const label = await page.getByTestId('week-label').textContent();
  await dialog.getByLabel('Nombre y apellido').pressSequentially('Ana Torres');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('week-label')).toHaveText(label!);

  const email = dialog.getByLabel('E-mail');
  await email.fill('ana.torres@');
  await email.blur();
  await expect(dialog.getByTestId('problem-email')).toHaveText('Ese e-mail no es válido (ej.: ana@ejemplo.com).');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/Ese e-mail no es válido/);
  // Fixed as it is typed.
  await email.pressSequentially('example.com');
  await expect(dialog.getByTestId('problem-email')).toHaveCount(0);

  // The defaults: the configured duration, an individual class at the platform's price.
  await expect(dialog.getByLabel('Duración')).toHaveValue('60');
  await expect(dialog.getByLabel('Precio en pesos')).toHaveValue('15000');
  await expect(dialog.getByLabel('Participantes')).toBeDisabled();
  await dialog.getByLabel('Fecha').fill(wednesday);
  await dialog.getByLabel('Hora de inicio').selectOption('19:00');
  // A group of three: the price follows the platform's table.
  await dialog.getByText('Grupal', { exact: true }).click();
  await expect(dialog.getByLabel('Participantes')).toHaveValue('2');
  await expect(dialog.getByLabel('Precio en pesos')).toHaveValue('30000');
  await dialog.getByLabel('Participantes').selectOption('3');
  await expect(dialog.getByLabel('Precio en pesos')).toHaveValue('36000');
  await dialog.getByLabel('Enfoque').fill('x'.repeat(101));
  await expect(dialog.getByTestId('problem-focus')).toBeVisible();
  await dialog.getByLabel('Enfoque').fill('Small talk for travel');
  await expect(dialog.getByText('21 de 100 caracteres')).toBeVisible();
  await dialog.getByRole('button', { name: 'Crear clase pendiente' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast')).toHaveText('Clase de Ana Torres creada: pendiente de confirmar.');
  const box = dayColumn(page, wednesday).getByTestId('booking').filter({ hasText: 'Ana Torres' });
  await expect(box).toContainText('19:00–20:00');
  await expect(box).toContainText('Pendiente');
  const panel = page.getByTestId('details');
  await expect(panel.getByTestId('details-title')).toHaveText('Ana Torres');
  await expect(panel.getByTestId('field-type')).toContainText('Grupal');
  await expect(panel.getByTestId('field-type')).toContainText('1 de 3');
  await expect(panel.getByTestId('field-price')).toContainText(/36\.000/);
  await expect(panel.getByTestId('field-focus')).toContainText('Small talk for travel');
});

test('export the week to CSV: the file in the export folder holds its classes', async ({ page }) => {
  await openApp(page);
  await expect(classBox(page, 'Valentina Ruiz')).toBeVisible();
  await page.getByRole('button', { name: 'Exportar…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Exportar clases' });
  await expect(dialog.getByLabel('Desde')).toHaveValue(monday);
  await expect(dialog.getByLabel('Hasta')).toHaveValue(week.days[6]!);
  await expect(dialog.getByRole('radio', { name: /CSV/ })).toBeChecked();

  // The teacher closes the save dialog (main answers CANCELLED; the harness has no dialog, so the reply is played here): a quiet line, no error.
  const exportChannel = '**/ipc/bookings*export';
  await page.route(exportChannel, (route) => route.fulfill({ json: { ok: false, error: { code: 'CANCELLED', message: 'The save dialog was closed.' } } }));
  await dialog.getByRole('button', { name: 'Exportar', exact: true }).click();
  await expect(dialog.getByTestId('export-cancelled')).toHaveText('No se guardó ningún archivo.');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await page.unroute(exportChannel);

  await dialog.getByRole('button', { name: 'Exportar', exact: true }).click();
  // Valentina, Tomás, Carla and Ana this week; Julieta is next week.
  await expect(dialog.getByTestId('export-result')).toContainText('Se guardaron 4 clases en');
  const path = await dialog.getByTestId('export-path').textContent();
  expect(path).toContain(exportDir);
  const [file] = await readdir(exportDir);
  expect(file).toMatch(/\.csv$/);
  const csv = await readFile(join(exportDir, file!), 'utf8');
  for (const text of ['Valentina Ruiz', 'valentina.ruiz@example.com', 'Tomás Aguirre', 'Carla Méndez', 'Ana Torres']) expect(csv).toContain(text);
  expect(csv).not.toContain('Julieta Navarro');
  await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
  await expect(dialog).toBeHidden();
});

/**
 * The app menu itself lives in Electron's main process, which the harness has
 * not: the commands come from the real menu spec's File items (by their
 * labels), and the push main would send is played into the page's event
 * stream (support/menu-command.ts). Electron's click -> webContents.send is not exercised here.
 */
test('the File menu items\' commands (from the menu spec, pushed to the page as main sends them) open import, export and the preferences', async ({ page }) => {
  const strings = desktopStrings('es');
  const fileMenu = applicationMenuSpec({ platform: 'linux', strings, isPackaged: true }).find((item) => item.label === strings.file)?.submenu ?? [];
  const commandOf = (label: string) => {
    const action = fileMenu.find((item) => item.label === label)?.action;
    if (action?.kind !== 'menu-command') throw new Error(`the File menu has no command item "${label}"`);
    return action.command;
  };
  for (const [label, check] of [
    [strings.import, () => expect(page.getByRole('dialog', { name: 'Importar clases de la plataforma' })).toBeVisible()],
    [strings.export, () => expect(page.getByRole('dialog', { name: 'Exportar clases' })).toBeVisible()],
    [strings.settings, () => expect(page.getByTestId('settings-open')).toHaveAttribute('aria-expanded', 'true')],
  ] as const) {
    // A blank page first: the previous app's bridge must not reconnect into the next command's held stream.
    await page.goto('about:blank');
    const menu = await menuCommandOnNextLoad(page, commandOf(label));
    await openApp(page);
    menu.send();
    await check();
  }
});
