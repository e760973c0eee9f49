import { isPlainObject, type JsonObject, type JsonValue } from './json.js'

/**
 * RFC 7396 JSON merge patch: null deletes a member, objects merge recursively, anything else
 * (arrays included) replaces. Returns a new value; `target` is not modified. Members are copied
 * with defineProperty so `__proto__` in a patch stays an ordinary member and never reaches
 * Object.prototype.
 */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isPlainObject(patch)) return patch
  const result: JsonObject = isPlainObject(target) ? copyObject(target) : {}
  for (const name of Object.keys(patch)) {
    const change = patch[name]!
    if (change === null) {
      delete result[name]
    } else {
      const current = Object.hasOwn(result, name) ? result[name] : undefined
      define(result, name, mergePatch(current, change))
    }
  }
  return result
}

function copyObject(source: JsonObject): JsonObject {
  const copy: JsonObject = {}
  for (const name of Object.keys(source)) define(copy, name, source[name]!)
  return copy
}

function define(target: JsonObject, name: string, value: JsonValue): void {
  Object.defineProperty(target, name, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}
