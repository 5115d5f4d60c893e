// Lint rules for the whole tree. Formatting is Prettier's; the process boundaries
// and import cycles are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      'test-artifacts/',
      'bench/results.json',
      'shared/carecloud/api-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Scanner bytes, settings and receipt text are cleaned of control characters on purpose.
      'no-control-regex': 'off',
      // Explicit {' '} between inline elements survives formatting; bare whitespace does not.
      'svelte/no-useless-mustaches': 'off',
      // Maps and Sets inside derivations are rebuilt on every change; only state needs reactive ones.
      'svelte/prefer-svelte-reactivity': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
      // Strings, templates and SQL too: a long one is pieced together (+, or lines inside SQL).
      'max-len': ['error', { code: 120 }],
    },
  },
  {
    // Command-line tools, benchmarks and tests report on the console; the app logs through its logger.
    files: [
      'bench/**',
      'scripts/**',
      'test/**',
      'electron/cli/**',
      'electron/preview/cli.ts',
      'sandbox/cli*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['renderer/**/*.{js,ts,svelte}', 'shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
);
