// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronImport = {
  name: 'electron',
  message: 'Only main/shell, main/index.ts and preload may touch Electron: inject what you need instead.',
};
const electronUpdaterImport = { name: 'electron-updater', message: electronImport.message };
const shellImports = {
  group: ['**/shell', '**/shell/**', '**/main/shell/**'],
  message: 'Only main/app.ts and main/index.ts compose the shell: the shell adapts Electron to the core and the window API, not the other way.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.bench/**', '.test-dist/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Text is never HTML: render it as text.',
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, electronUpdaterImport],
          patterns: [
            shellImports,
            {
              group: ['**/window-api', '**/window-api/**'],
              message: 'main/core knows nothing of the window: the window API calls the core, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/window-api/**/*.ts', 'main/embedded-sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport, electronUpdaterImport], patterns: [shellImports] }],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The sandbox is an independent reading of API.md: it imports nothing from main/ or preload/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            {
              group: ['**/main/**', '**/main'],
              message: 'The renderer talks only to window.tiger; it may import types from preload/contract.ts only.',
            },
          ],
        },
      ],
    },
  },
);
