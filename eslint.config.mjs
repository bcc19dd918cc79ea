// One ESLint configuration for the tree: typescript-eslint's recommended rules everywhere, the
// React hooks rules for the mini-program, and a few project rules.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench/results/**', 'test/artifacts/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Nest's DI and TypeORM need classes that are only decorated, and declaration merging for entities.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // The API writes through its JSON logger (redacted); only its command-line entry points print.
    files: ['apps/api/src/**/*.ts', 'libs/**/*.ts'],
    ignores: ['apps/api/src/main.ts', 'apps/api/src/database/cli.ts', 'apps/api/src/wechat-standin/main.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'class-validator', '@tarojs/*', 'react'] }],
    },
  },
  {
    // Shapes use the OpenAPI-3.0-safe helpers of schema.ts, which the response check also knows.
    files: ['libs/contract/src/**/*.ts'],
    ignores: ['libs/contract/src/schema.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Type'][callee.property.name=/^(Unsafe|Literal|Null|Record|Tuple|Any|Unknown)$/]",
          message: 'Use the helpers of libs/contract/src/schema.ts (StringEnum, Nullable, Dictionary, NumberPair, BinaryFile).',
        },
      ],
    },
  },
  {
    // Every write goes through inTransaction / writeOnce (database/transaction.ts), the one place that
    // retries deadlocks and Galera certification conflicts; a write straight on the data source is not retried.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/api/src/database/migrations/**', 'apps/api/src/seed/**', 'apps/api/src/surveys/bench-baseline.controller.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "CallExpression[callee.property.name=/^(insert|update|save|delete|upsert|increment|decrement|remove)$/][callee.object.callee.property.name='getRepository'][callee.object.callee.object.property.name='dataSource']",
          "CallExpression[callee.property.name=/^(insert|update|save|delete|upsert|increment|decrement|remove)$/][callee.object.callee.property.name='getRepository'][callee.object.callee.object.name='dataSource']",
          "CallExpression[callee.property.name=/^(insert|update|save|delete|upsert|increment|decrement|remove)$/][callee.object.property.name='manager'][callee.object.object.property.name='dataSource']",
          "CallExpression[callee.property.name=/^(insert|update|delete)$/][callee.object.callee.property.name='createQueryBuilder'][callee.object.callee.object.property.name='dataSource']",
          "CallExpression[callee.property.name='query'][callee.object.property.name='dataSource'] > Literal.arguments:first-child[value=/^\\s*(INSERT|UPDATE|DELETE|REPLACE)\\b/i]",
          "CallExpression[callee.property.name='query'][callee.object.property.name='dataSource'] > TemplateLiteral.arguments:first-child[quasis.0.value.raw=/^\\s*(INSERT|UPDATE|DELETE|REPLACE)\\b/i]",
        ].map((selector) => ({
          selector,
          message: 'Write through inTransaction or writeOnce (database/transaction.ts): they retry deadlocks and cluster conflicts.',
        })),
      ],
    },
  },
  {
    files: ['apps/miniprogram/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Taro'][callee.property.name='request']", message: 'Use the one HTTP client in src/api/client.ts.' },
      ],
    },
  },
  {
    files: ['apps/miniprogram/src/api/client.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
