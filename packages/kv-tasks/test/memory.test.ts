import { openStore } from '@kvgraph/core'
import { tasksSuite } from './suite/index.js'

tasksSuite({ name: 'memory', open: (options) => openStore(':memory:', options) })
