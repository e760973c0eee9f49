/** An integer in [0, below) from a seeded generator (`seededRandom` of @kvgraph/core/random). */
export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below)
}
