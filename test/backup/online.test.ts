import { onlineSuite } from './online-suite.js'
import { levelEngine, memoryEngine } from './round-trip-suite.js'

onlineSuite(levelEngine())
onlineSuite(memoryEngine)
