import type { Page } from '@playwright/test';

/** The page's DOM, typed just enough for the script below (the Node side's tsconfig has no DOM types). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  document: { body: { dispatchEvent(event: unknown): boolean } };
}

/**
 * Drags a file over the page and, after `whileOver` (for example checking
 * the drop target shows), drops it on the body, as a file manager would:
 * the file travels in a DataTransfer on dragenter, dragover and drop.
 */
export async function dragAndDropFile(page: Page, file: { name: string; content: string; type?: string }, whileOver: () => Promise<void> = async () => {}): Promise<void> {
  const fire = (types: readonly string[]) =>
    page.evaluate(
      ({ name, content, type, events }) => {
        const g = globalThis as unknown as PageGlobals;
        const data = new g.DataTransfer();
        data.items.add(new g.File([content], name, { type }));
        for (const event of events) g.document.body.dispatchEvent(new g.DragEvent(event, { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name: file.name, content: file.content, type: file.type ?? 'application/json', events: types },
    );
  await fire(['dragenter', 'dragover']);
  await whileOver();
  await fire(['drop']);
}
