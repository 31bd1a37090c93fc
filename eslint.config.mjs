// ESLint 9 flat config. Besides style-neutral correctness rules, this file enforces the architecture's import
// boundaries (see /ARCHITECTURE.md): the domain stays pure, and the mini-program bundle never pulls in server code.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// Every Node built-in by bare name ('fs', 'fs/promises', …); `node:*` is covered by a pattern below.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'))

// `@/x/...` or a relative path that climbs into a top-level source folder (`../../server/ports`).
const into = (folders) => `^(@/|(\\.\\./)+|\\./)(${folders})(/|$)`

const domainBoundary = {
  paths: [...nodeBuiltins, 'react', 'react-dom', 'wx-server-sdk', '@seald-io/nedb'].map((name) => ({
    name,
    message: 'src/core is the pure domain: platform, database and Node modules reach it through ports.',
  })),
  patterns: [
    {
      group: ['@tarojs/*', 'node:*', 'react/*', 'react-dom/*'],
      message: 'src/core must not depend on Taro, React or Node.',
    },
    {
      regex: into('server|services|pages|subpackages|components|hooks'),
      message: 'src/core must not import from outer layers (server, services, pages).',
    },
    { regex: '(^|/)cloudfunctions(/|$)', message: 'src/core must not import cloud functions.' },
  ],
}

const clientBoundary = {
  patterns: [
    { regex: into('server'), message: 'Client code must not import server code; call it through src/services/api.' },
    {
      // Type imports of use-case shapes are erased; value imports would ship the use cases in the mini-program.
      regex: '^(@/|(\\.\\./)+)core/.*(usecases|rules)',
      allowTypeImports: true,
      message: 'Pages import only contracts and parsers from src/core; use cases and rules run on the server.',
    },
  ],
}

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tmp/**', 'coverage/**', '.swc/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // TypeScript itself reports undefined names (with types); the core rule misfires on type-only globals.
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain CommonJS config files (babel, jest) run under Node.
    files: ['**/*.{js,cjs}'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', domainBoundary] },
  },
  {
    files: ['src/pages/**', 'src/subpackages/**', 'src/components/**', 'src/hooks/**', 'src/services/**'].map(
      (dir) => `${dir}/*.{ts,tsx}`,
    ),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', clientBoundary] },
  },
)
