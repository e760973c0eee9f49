import { CodedError } from '@kvgraph/core'

/** Stable error codes of the render subpath: they never change between versions; messages may. */
export type RenderErrorCode =
  | 'RENDER_INVALID_ARGUMENT'
  | 'RENDER_GRAPHVIZ_MISSING'
  | 'RENDER_FAILED'

/** The one error class of `@kvgraph/graph/render`; branch on `code`, not on the message. */
export class RenderError extends CodedError<RenderErrorCode> {
  override readonly name = 'RenderError'
}
