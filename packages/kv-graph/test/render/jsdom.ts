// jsdom ships no types here (no @types/jsdom), so it is loaded dynamically and typed to the few
// members the render tests use.
export interface TestElement {
  tagName: string
  getAttributeNames(): string[]
}

export interface TestDocument {
  querySelectorAll(selector: string): ArrayLike<TestElement>
}

interface TestDom {
  window: { document: TestDocument; close(): void }
}

type JsdomConstructor = new (html: string, options?: { contentType?: string }) => TestDom

const jsdomModule = 'jsdom'
let loading: Promise<JsdomConstructor> | undefined

const loadJsdom = () => {
  loading ??= import(jsdomModule).then((module: { JSDOM: JsdomConstructor }) => module.JSDOM)
  return loading
}

/** A window for libraries that need one (Mermaid's DOMPurify). */
export async function createWindow(): Promise<unknown> {
  const JSDOM = await loadJsdom()
  return new JSDOM('').window
}

/**
 * Parses XML strictly (jsdom throws on malformed XML) and runs `inspect` on the document. Each
 * document gets its own window, closed afterwards, then a timer turn lets jsdom release it:
 * documents from one window's DOMParser, or windows closed in a loop of microtasks (as in an
 * async property), stay reachable, about 2 MB each.
 */
export async function inspectXml<T>(xml: string, inspect: (doc: TestDocument) => T): Promise<T> {
  const JSDOM = await loadJsdom()
  const { window } = new JSDOM(xml, { contentType: 'image/svg+xml' })
  try {
    return inspect(window.document)
  } finally {
    window.close()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}
