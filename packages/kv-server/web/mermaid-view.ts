// A separate bundle (web/mermaid.js), loaded only when the Mermaid view is first asked for.
import mermaid from 'mermaid'

// strict: labels are sanitized and click handlers in a diagram are refused.
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })

let count = 0

/** Renders Mermaid source into an element (mermaid's own sanitized SVG). */
export async function renderMermaid(text: string, into: HTMLElement): Promise<void> {
  const { svg } = await mermaid.render(`kv-mermaid-${count++}`, text)
  into.innerHTML = svg
}
