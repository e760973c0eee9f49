import { openStore } from '@kvgraph/core'
import { serverSuite } from './suite/index.js'

serverSuite({ name: 'memory', open: () => openStore(':memory:') })
