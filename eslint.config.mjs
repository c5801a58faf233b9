// Lint = bugs the compiler lets through (type-aware rules); layout is prettier's job (eslint-config-prettier goes last).
// `npm run lint` fails on any warning. Conventions behind these choices: CONTRIBUTING.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const tests = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'apps/web/**/*.test.{ts,tsx}'];

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'node_modules/', 'libs/reference-model/src/data/', 'apps/web/src/gql/']),
  js.configs.recommended,
  {
    rules: {
      // `let { type, version } = ...` where only `version` is reassigned: splitting the destructuring reads worse.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // apps/web (the dashboard, TSX) has its own tsconfig (DOM, JSX): the project service finds it.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Promises: a forgotten await loses errors and ordering; an async callback where a sync one is expected loses its rejection.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Deciders, evolve and mappers switch over unions: a new event or command type must be handled everywhere.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      // A cast that changes nothing hides the one that does. (tsconfig has noUncheckedIndexedAccess, so `xs[0]!` is not flagged.)
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Safe with Nest: with emitDecoratorMetadata + experimentalDecorators (read from tsconfig through the project service)
      // the rule skips every file that has a decorator, so the classes behind `@Args() input: DefineRoleInput` or an injected
      // constructor parameter stay value imports (swc emits them into design:paramtypes). Elsewhere it matches the habit:
      // inline `type` specifiers (`import { fold, type Instant } from ...`).
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // The codebase marks deliberately unused names with a leading underscore (`const _: never = x`, `{ roleId: _roleId, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Re-rejecting a caught error (typed `unknown` under useUnknownInCatchVariables) is normal; only-throw-error allows the same.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Off: ports are async (they return promises) and some adapters answer synchronously (better-sqlite3, test doubles,
      // Apollo plugin hooks); `async` there is right, it turns a throw into a rejection. The rule would push towards
      // `return Promise.resolve(...)` and sync throws from promise-returning functions.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The domain (deciders) and the drift rules are pure: no framework, no I/O, so they run and test in milliseconds.
    files: ['libs/domain/src/**/*.ts', 'libs/drift/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'node:*', 'fs', 'path', 'http', 'better-sqlite3', 'pg', 'ioredis', 'bullmq', '@kurrent/*', 'pino'],
              message: 'libs/domain and libs/drift are pure (no framework, no I/O): take what you need as an argument.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases only: they take ports and typed commands; opening adapters, reading config, timers and loops are the
    // runtime's (libs/runtime), so the same use case runs in the API, the worker, the CLI and the tests.
    files: ['libs/application/src/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@rolebook/config',
                '@rolebook/runtime',
                '@rolebook/jobs',
                '@rolebook/postgres',
                'better-sqlite3',
                'pg',
                'ioredis',
                'bullmq',
                '@kurrent/*',
                'pino',
              ],
              message: 'libs/application holds use cases only: adapters, configuration and loops belong to libs/runtime.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read GraphQL responses and fixtures as untyped JSON (`any`) and let expect() check their shape; typing each
    // response would copy the schema into every test. Production code keeps these rules.
    files: tests,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tool configuration and scripts: plain Node CommonJS, outside tsconfig, so no type-aware rules.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { __dirname: 'readonly', console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable' },
    },
  },
  prettier,
);
