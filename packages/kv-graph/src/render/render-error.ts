/** Stable error codes of the render subpath: they never change between versions; messages may. */
export type RenderErrorCode =
  | 'RENDER_INVALID_ARGUMENT'
  | 'RENDER_GRAPHVIZ_MISSING'
  | 'RENDER_FAILED'

/** The one error class of `@kvgraph/graph/render`; branch on `code`, not on the message. */
export class RenderError extends Error {
  override readonly name = 'RenderError'
  readonly code: RenderErrorCode

  constructor(code: RenderErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}
