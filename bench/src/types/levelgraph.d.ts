// levelgraph 4 ships no types: the part of its API the bench uses.
declare module 'levelgraph' {
  interface Triple {
    subject: string
    predicate: string
    object: string
    [prop: string]: unknown
  }
  interface LevelGraph {
    put(triples: Triple | Triple[], callback: (error?: Error | null) => void): void
    get(
      pattern: Partial<Triple> & { limit?: number; offset?: number },
      callback: (error: Error | null, triples: Triple[]) => void,
    ): void
    close(callback?: (error?: Error | null) => void): void
  }
  function levelgraph(db: object, options?: object): LevelGraph

  export type { LevelGraph, Triple }
  export default levelgraph
}
