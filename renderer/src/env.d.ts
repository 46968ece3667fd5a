/** Build-time switches Vite reads from VITE_* variables (absent in a normal build). */
interface ImportMetaEnv {
  /** "off": fetch each week after the click, as before prefetching (the week-switch bench's naive baseline). */
  readonly VITE_WEEK_PREFETCH?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
