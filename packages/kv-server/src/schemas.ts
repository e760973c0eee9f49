/** JSON schema fragments shared by the route groups (they also shape the OpenAPI document). */

export const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const

export const nodeRefSchema = {
  type: 'object',
  properties: { type: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 } },
  required: ['type', 'id'],
  additionalProperties: false,
} as const

export const propsSchema = { type: 'object', additionalProperties: true } as const

export const limitSchema = { type: 'integer', minimum: 1 } as const
export const cursorSchema = { type: 'string', minLength: 1 } as const
export const directionSchema = { type: 'string', enum: ['out', 'in', 'both'] } as const
export const nsQuerySchema = { type: 'string', minLength: 1 } as const

/** Any JSON value (a request body or a stored value). */
export const anyJson = {} as const

/** Path params of one non-empty string each: `pathParams('name')` for `/locks/:name`. */
export function pathParams<const Name extends string>(name: Name) {
  return {
    type: 'object',
    properties: { [name]: { type: 'string', minLength: 1 } } as Record<
      Name,
      { type: 'string'; minLength: 1 }
    >,
    required: [name],
  } as const
}
