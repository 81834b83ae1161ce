// @ts-check
// CommonJS so the tests can load it inside Jest (ESLint imports .mjs configs dynamically).
const tseslint = require('typescript-eslint');

/** A provider package's root or lib/ index: each loads ~2,400 modules. Only lib/<resource> is allowed. */
const PROVIDER_ROOT = '^@cdktf/provider-[^/]+(/lib)?/?$';

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', 'cdktf.out.*/', 'coverage/', 'bench/.variant/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: PROVIDER_ROOT,
              message:
                'Root imports of provider packages load ~2,400 modules (~10x time, ~8x memory). Deep-import the resource: @cdktf/provider-aws/lib/<resource>.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'] > Literal[value=/^@cdktf\\/provider-[a-z0-9-]+(\\/lib)?\\/?$/]",
          message: 'Root requires of provider packages load ~2,400 modules. Require @cdktf/provider-<name>/lib/<resource>.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration is read in main.ts only: constructs, stacks and the schema get it as arguments.
    files: ['modules/**', 'stacks/**', 'schema/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only main.ts reads the environment; pass values in as props.' },
      ],
    },
  },
  {
    // Tests bend configs into every wrong shape on purpose.
    files: ['__tests__/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
