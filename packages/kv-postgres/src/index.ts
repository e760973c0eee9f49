export {
  DEFAULT_TABLE,
  META_TABLE,
  maskUrl,
  type PostgresConfig,
  type PostgresEngineOptions,
  parseConfig,
} from './config.js'
export { PostgresEngine } from './postgres-engine.js'
export { SCHEMA_VERSION } from './schema.js'
