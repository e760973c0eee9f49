import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run against the TypeScript sources; the `dist` project imports the built packages by name.
const alias = [
  {
    find: /^@kvgraph\/core\/testing$/,
    replacement: source('packages/kv-core/src/testing/index.ts'),
  },
  {
    find: /^@kvgraph\/core\/random$/,
    replacement: source('packages/kv-core/src/random/index.ts'),
  },
  {
    find: /^@kvgraph\/core\/internal$/,
    replacement: source('packages/kv-core/src/internal/index.ts'),
  },
  { find: /^@kvgraph\/core$/, replacement: source('packages/kv-core/src/index.ts') },
  { find: /^@kvgraph\/tasks$/, replacement: source('packages/kv-tasks/src/index.ts') },
  { find: /^@kvgraph\/server$/, replacement: source('packages/kv-server/src/index.ts') },
  {
    find: /^@kvgraph\/graph\/render$/,
    replacement: source('packages/kv-graph/src/render/index.ts'),
  },
  { find: /^@kvgraph\/postgres$/, replacement: source('packages/kv-postgres/src/index.ts') },
  { find: /^@kvgraph\/graph$/, replacement: source('packages/kv-graph/src/index.ts') },
]

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'source',
          include: [
            'packages/*/test/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
            'test/**/*.test.ts',
            'bench/test/**/*.test.ts',
          ],
          exclude: [
            'test/dist/**',
            '**/node_modules/**',
            'packages/kv-postgres/test/**',
            '**/*.pg.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Its own project so the PostgreSQL cluster starts only when one of its tests is queued.
        resolve: { alias },
        test: {
          name: 'postgres',
          // The PostgreSQL engine's own tests, and every suite that runs on PostgreSQL too
          // (`*.pg.test.ts` beside the suite's other targets).
          include: [
            'packages/kv-postgres/test/**/*.test.ts',
            // The graph suites on a PostgreSQL table (test/helpers/engines.ts picks the engine).
            'packages/kv-graph/test/*.test.ts',
            'packages/*/test/**/*.pg.test.ts',
            'examples/*/test/**/*.pg.test.ts',
            'test/**/*.pg.test.ts',
            'bench/test/**/*.pg.test.ts',
          ],
          exclude: [
            '**/node_modules/**',
            // Engine-free (algorithms over arrays, tables in memory) or with engines of their own.
            'packages/kv-graph/test/algorithms.test.ts',
            'packages/kv-graph/test/edge-pages.test.ts',
            'packages/kv-graph/test/family-table.test.ts',
          ],
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'dist',
          include: ['test/dist/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
})
