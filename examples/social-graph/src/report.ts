import type { Answers } from './app.js'
import type { Chain } from './questions.js'

const list = (ids: string[]) => (ids.length ? ids.join(', ') : '(nobody)')
const chain = (c: Chain | undefined, unit: string) =>
  c ? `${c.ids.join(' -> ')}  (${c.cost} ${unit})` : 'no chain'

/** The answers as a person would like to read them. */
export function report(answers: Answers): string {
  const lines = [
    `Loaded the small network and ${answers.edgesLoaded.toLocaleString('en')} generated edges.`,
    '',
    `Whom alice follows: ${list(answers.aliceFollows)}`,
    `Who follows alice:  ${list(answers.aliceFollowers)}`,
    `Suggested for alice: ${list(answers.recommendedForAlice.map((r) => `${r.id} (${r.mutual} mutual)`))}`,
    `Suggested for ${answers.recommendedFor.user}: ${list(answers.recommendedFor.recommendations.map((r) => `${r.id} (${r.mutual} mutual)`))}`,
    '',
    `Shortest follow chain ${answers.chain.from} -> ${answers.chain.to}`,
    `  by hops:   ${chain(answers.chain.byHops, 'hops')}`,
    `  by weight: ${chain(answers.chain.byWeight, 'total weight')}`,
    `${answers.neighbourhood.user} reaches ${answers.neighbourhood.size.toLocaleString('en')} users within 2 follows`,
    '',
    'Most followed:',
    ...answers.mostFollowed.map(
      (p, i) => `  ${i + 1}. ${p.id}  ${p.followers.toLocaleString('en')} followers`,
    ),
    '',
    `Feed of ${answers.feed.user}, newest first:`,
    ...answers.feed.pages.flatMap((page, i) => [
      `  page ${i + 1}${page.cursor ? ' (more follow)' : ''}`,
      ...page.items.map(
        (item) =>
          `    ${item.timestamp.slice(0, 10)}  Post ${item.post} by ${item.author}${item.title ? `: ${item.title}` : ''}`,
      ),
    ]),
  ]
  return lines.join('\n')
}
