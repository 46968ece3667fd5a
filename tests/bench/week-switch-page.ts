/** What the page script below exposes (the tests' tsconfig has no DOM types, so the script is plain text). */
export interface PageBench {
  /** Milliseconds from navigation start to after the paint of the first frame showing a class box. */
  firstWeekPainted: Promise<number>;
  /** Waits for the next click, then for the frame whose grid starts on `firstDay`; `result` then resolves to click -> after that paint. */
  arm(firstDay: string): void;
  result: Promise<number>;
  /** For the last switch: click -> the DOM shows the new week (data, React commit), and that -> after the paint (style, layout, paint). */
  split: { toCommit: number; toPaint: number };
}

/**
 * Runs in the page before the app (an init script, so the app's CSP does
 * not apply). "After paint" is a MessageChannel message posted from the
 * requestAnimationFrame callback of the frame that holds the change: it runs
 * once that frame has been painted.
 */
export const AFTER_PAINT_SCRIPT = `(() => {
  const afterPaint = (done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  };
  const whenFrameShows = (test, done) => {
    const frame = () => (test() ? afterPaint(done) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  };
  const bench = {};
  bench.firstWeekPainted = new Promise((resolve) => whenFrameShows(() => document.querySelector('[data-testid="booking"]') !== null, resolve));
  bench.arm = (firstDay) => {
    bench.result = new Promise((resolve) => {
      addEventListener('click', (event) => {
        const start = event.timeStamp;
        const shows = () => document.querySelector('.week-pane.is-shown [data-day]')?.getAttribute('data-day') === firstDay;
        let commit = 0;
        // A mutation record is delivered in the microtask after React's commit, before anything is painted.
        const observer = new MutationObserver(() => {
          if (!commit && shows()) {
            commit = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        whenFrameShows(shows, (end) => {
          observer.disconnect();
          if (!commit) commit = end;
          bench.split = { toCommit: commit - start, toPaint: end - commit };
          resolve(end - start);
        });
      }, { once: true, capture: true });
    });
  };
  Object.defineProperty(window, '__weekBench', { value: bench });
})();`;
