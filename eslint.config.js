// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint, including the layer rules (in the spirit of Signal Desktop's import
 * lint): renderer -> shared <- main, preload -> shared, and only
 * main/electron/ may import Electron. A wrong import fails `npm run lint`.
 */
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'events', 'util'];
const layer = (name, patterns) => ({ group: patterns, message: `${name}` });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer('The renderer reaches main only through window.api (shared/ipc).', ['**/main/**', '**/preload/**', 'electron']),
          layer('The renderer runs in a sandboxed page: no Node built-ins.', nodeBuiltins),
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer('shared/ is imported by main and renderer and imports neither.', ['**/main/**', '**/renderer/**', '**/preload/**', 'electron']),
          layer('shared/ runs in the renderer too: no Node built-ins.', nodeBuiltins),
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          layer('main/ never imports the renderer or preload.', ['**/renderer/**', '**/preload/**']),
          layer('Only main/electron/ imports Electron; the core is plain Node and takes what it needs by injection.', ['electron', 'electron-store']),
        ],
      }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [layer('main/ never imports the renderer or preload.', ['**/renderer/**', '**/preload/**'])],
      }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [layer('preload imports only shared/ and electron.', ['**/main/**', '**/renderer/**'])],
      }],
    },
  },
);
