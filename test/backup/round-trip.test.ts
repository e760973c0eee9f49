import { levelEngine, memoryEngine, roundTripSuite } from './round-trip-suite.js'

// Memory and LevelDB as source and target (pairs with PostgreSQL: round-trip.pg.test.ts).
const level = levelEngine()
roundTripSuite([memoryEngine, level], [memoryEngine, level])
