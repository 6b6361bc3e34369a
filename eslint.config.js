// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layer rules (ARCHITECTURE.md): renderer → shared ← electron/core ← electron/main, electron/cli.
 * renderer and shared never import electron/**, 'electron', native modules or node:*;
 * core never imports 'electron'; only electron/main does.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'util', 'url', 'module', 'stream', 'net', 'http', 'https'];
const nativeAndShell = ['electron', 'better-sqlite3', 'keytar'];

const browserSafe = {
  patterns: [
    { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'renderer and shared cannot import electron/** (use the contract in shared/).' },
    { group: nodeBuiltins, message: 'renderer and shared run without Node: no node: modules.' },
    { group: nativeAndShell, message: 'renderer and shared cannot import electron, better-sqlite3 or keytar.' },
  ],
};

// eslint loads the config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (a tool that needs a default export gets a commented exception).' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Small files with one job: a file past 400 lines is split by what it does, not trimmed.
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', browserSafe] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Says which components the React Compiler would skip (TanStack's table and virtualizer);
      // this app does not compile with it, so there is nothing to act on.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...browserSafe.patterns,
            // The window asks the contract itself (its permission table, its schemas), so zod
            // comes with it, built jitless because the CSP (rightly) refuses its eval probe:
            // renderer/src/zod-jitless.ts, the one file that talks to zod, runs first. Rules of
            // the window's own are not written with zod beside the contract's.
            {
              group: ['zod', 'zod/*'],
              allowTypeImports: true,
              message: 'the renderer validates with the contract’s schemas (shared/contract), not with zod of its own.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/zod-jitless.ts'],
    rules: { 'no-restricted-imports': ['error', browserSafe] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "core is plain Node: only electron/main imports 'electron'." }],
          patterns: [{ group: ['**/electron/main/**', '../main/*', '../../main/*', '**/cli/**', '**/renderer/**'], message: 'core depends on shared only.' }],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'the CLI runs on Node without Electron.' }], patterns: [{ group: ['**/electron/main/**', '**/renderer/**'], message: 'the CLI uses core and shared only.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', 'better-sqlite3', 'keytar'], message: 'preload only bridges IPC.' }] }] },
  },
  {
    // A promise nobody awaits is a write nobody waits for: an audit append that fails silently, a
    // transaction that commits after its caller returned. Type-aware, so only over the Node code.
    files: ['electron/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);
