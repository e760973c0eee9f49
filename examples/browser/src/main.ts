// Wires the page's forms to the social graph and draws it with mermaid.
import mermaid from 'mermaid'
import { openSocial, type Social } from './social.js'

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T
const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })
let drawings = 0

async function refresh(social: Social): Promise<void> {
  const people = await social.people()
  for (const select of document.querySelectorAll<HTMLSelectElement>('select.people')) {
    const chosen = select.value
    select.replaceChildren(...people.map((id) => new Option(id, id)))
    if (people.includes(chosen)) select.value = chosen
  }
  const shown = field($('#followers-form'), 'person')
  const followers = shown ? await social.followers(shown) : []
  $('#followers').replaceChildren(
    ...followers.map((id) => Object.assign(document.createElement('li'), { textContent: id })),
  )
  if (people.length > 0) {
    const { svg } = await mermaid.render(`graph-${drawings++}`, await social.mermaid())
    $('#drawing').innerHTML = svg
  }
  $('#status').textContent = `${people.length} people, kept in IndexedDB`
}

async function main(): Promise<void> {
  const social = await openSocial('social-graph')
  const act = (selector: string, work: (form: HTMLFormElement) => Promise<void>, on = 'submit') => {
    const form = $<HTMLFormElement>(selector)
    const run = async (event: Event) => {
      event.preventDefault()
      $('#error').textContent = ''
      try {
        await work(form)
        await refresh(social)
      } catch (error) {
        $('#error').textContent = (error as Error).message
      }
    }
    form.addEventListener(on, run)
  }
  act('#add-person', async (form) => {
    if (!field(form, 'name')) return
    await social.addPerson(field(form, 'name'))
    form.reset()
  })
  act('#add-follow', (form) => social.follow(field(form, 'from'), field(form, 'to')))
  act('#followers-form', async () => {}, 'change')
  act('#path-form', async (form) => {
    const path = await social.path(field(form, 'from'), field(form, 'to'))
    $('#path').textContent = path ? path.join(' → ') : 'no path'
  })
  await refresh(social)
}

main().catch((error) => {
  $('#status').textContent = `Could not open the graph: ${(error as Error).message}`
})
