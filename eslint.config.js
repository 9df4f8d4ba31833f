import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import tseslint from 'typescript-eslint';

// Where strictTypeChecked + stylisticTypeChecked and required TSDoc apply: every package's
// sources and tests (core's tests live beside its sources).
const strictSources = [
  'packages/client/src/**/*.ts',
  'packages/store-memory/src/**/*.ts',
  'packages/store-redis/src/**/*.ts',
  'packages/core/src/**/*.ts',
  'packages/transport-socketio/src/**/*.ts',
  'packages/transport-ws/src/**/*.ts',
  'packages/server/src/**/*.ts',
  'packages/server/scripts/**/*.ts',
];
const strictTests = [
  'packages/client/test/**/*.ts',
  'packages/store-memory/test/**/*.ts',
  'packages/store-redis/test/**/*.ts',
  'packages/transport-socketio/test/**/*.ts',
  'packages/transport-ws/test/**/*.ts',
  'packages/server/test/**/*.ts',
  'packages/test-support/src/**/*.ts',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'coverage/**', 'docs/api/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['warn', 4],
    },
  },
  {
    // The web chat example: plain ES modules in a browser.
    files: ['examples/web-chat/page/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['document', 'fetch', 'location', 'navigator', 'sessionStorage', 'Element'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/server/src/cli*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Small files with names that say what they hold: a source file that outgrows 250 lines is split.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-d.ts'],
    rules: { 'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Type-aware rules where a mistake loses an error or a promise.
    files: ['packages/*/src/**/*.ts'],
    // platform.d.ts belongs to core's tsconfig.lib.json, not to the tsconfig.json the project service reads.
    ignores: ['packages/core/src/platform.d.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The strict presets, tests included: a floating promise or an unnecessary condition in a test is a bug too.
    files: [...strictSources, ...strictTests],
    // platform.d.ts belongs to core's tsconfig.lib.json, not to the tsconfig.json the project service reads.
    ignores: ['packages/core/src/platform.d.ts'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Counts, ids and limits in messages are numbers; anything else still needs an explicit String().
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Passing a caught value on is not inventing a non-Error reason (only-throw-error allows it the same way).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // TSDoc on the exported API; tags are TSDoc's, not JSDoc's.
    files: strictSources,
    ignores: ['**/*.test.ts', '**/*.test-d.ts'],
    plugins: { jsdoc },
    settings: { jsdoc: { mode: 'typescript' } },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: true,
          require: {
            FunctionDeclaration: true,
            ClassDeclaration: true,
            MethodDefinition: true,
            ArrowFunctionExpression: true,
            FunctionExpression: true,
          },
          contexts: [
            'TSInterfaceDeclaration',
            'TSTypeAliasDeclaration',
            'TSMethodSignature',
            'TSEnumDeclaration',
            'ExportNamedDeclaration > VariableDeclaration',
          ],
        },
      ],
      'jsdoc/check-tag-names': [
        'error',
        {
          definedTags: [
            'remarks',
            'defaultValue',
            'typeParam',
            'packageDocumentation',
            'module',
            'default',
            'internal',
            'privateRemarks',
            'sealed',
            'alpha',
            'beta',
          ],
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/core/src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'ioredis', 'socket.io', 'socket.io-client', 'ws', '@chat-service/*'] }],
    },
  },
  {
    // The client bundles for browsers: of core it uses only the dependency-free protocol subpath at runtime.
    files: ['packages/client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'ws'], message: 'The client must bundle for browsers.' },
            { group: ['socket.io-client'], allowTypeImports: true, message: 'Types only: no runtime dependency.' },
            {
              regex: '^@chat-service/(?!core/protocol$)',
              allowTypeImports: true,
              message: 'Types only: at runtime the client uses @chat-service/core/protocol alone.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/{store-memory,store-redis,transport-socketio,transport-ws}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@chat-service/*', '!@chat-service/core', '!@chat-service/core/*'], message: 'Adapters depend on core only.' },
            { group: ['../../*/src/*', '**/core/src/*'], message: "Import @chat-service/core, never another package's sources." },
          ],
        },
      ],
    },
  },
);
