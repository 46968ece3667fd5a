import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';

/**
 * One Vite config, one build per mode:
 *   renderer        React app            -> out/renderer/
 *   main            Electron main (CJS)  -> out/main/index.cjs
 *   preload         sandboxed preload    -> out/preload/index.cjs
 *   harness-bridge  browser `window.api` -> out/harness/bridge.js (dev only, never packaged)
 * Main and preload are bundled so that ESM-only lowdb / electron-store /
 * conf load in Electron's CommonJS main; native @napi-rs/keyring and the large
 * googleapis stay external and are packaged from node_modules.
 */
const root = import.meta.dirname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function nodeBundle(entry: string, outDir: string, external: string[]): UserConfig {
  return {
    build: {
      ssr: resolve(root, entry),
      outDir: resolve(root, outDir),
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external: [...nodeBuiltins, ...external],
        output: { format: 'cjs', entryFileNames: 'index.cjs', inlineDynamicImports: true },
      },
    },
    ssr: { noExternal: true, external },
  };
}

const configs: Record<string, UserConfig> = {
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: resolve(root, 'out/renderer'), emptyOutDir: true, target: 'chrome130' },
  },
  main: nodeBundle('main/electron/main.ts', 'out/main', ['electron', '@napi-rs/keyring', 'googleapis', 'google-auth-library']),
  preload: nodeBundle('preload/index.ts', 'out/preload', ['electron']),
  'harness-bridge': {
    build: {
      outDir: resolve(root, 'out/harness'),
      emptyOutDir: true,
      target: 'chrome130',
      lib: { entry: resolve(root, 'tests/harness/bridge.ts'), formats: ['iife'], name: 'teacherDeskBridge', fileName: () => 'bridge.js' },
    },
  },
  test: {
    test: {
      // A committed `.only` would shrink the run and still pass: refused everywhere, not only when CI is set
      // (focus one test locally with a file name and -t, or --allowOnly). The projects extend this root config.
      allowOnly: false,
      projects: [
        { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
        { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      ],
    },
  },
};

export default defineConfig(({ mode }) => {
  const config = configs[mode];
  if (!config) throw new Error(`vite.config.ts: unknown mode "${mode}" (known: ${Object.keys(configs).join(', ')})`);
  return config;
});
