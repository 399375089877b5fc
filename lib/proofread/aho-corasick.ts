/**
 * A small Aho-Corasick automaton over UTF-16 code units.
 *
 * Hand-built rather than a dependency. Both packages suggested
 * (@monyone/aho-corasick, mint-filter) are published and recent; the checker
 * needs every match including overlapping and nested ones with pattern ids
 * and offsets, over a few thousand generated patterns, in a bundle that will
 * run in a browser worker, and mint-filter is shaped as a word filter. These
 * 100 lines do exactly that with nothing to audit; the two were not
 * benchmarked against it. Edges live in one Map keyed by node and code unit
 * instead of a Map per node, which keeps building cheap. Searching is linear
 * in the text plus the number of matches.
 */
export interface Match {
  pattern: number;
  start: number;
  end: number;
}

const CODE_SPACE = 0x10000;

export class AhoCorasick {
  private readonly edges = new Map<number, number>();
  /** Child nodes of each node, for the breadth-first pass of build(). */
  private readonly children: number[][] = [[]];
  private readonly codeOf: number[] = [0];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at the node itself. */
  private readonly out: Array<number[] | undefined> = [undefined];
  /** Nearest node on the fail chain that has output, or -1. */
  private readonly dictLink: number[] = [-1];
  private readonly lengths: number[] = [];
  private built = false;

  add(pattern: string): number {
    if (this.built) throw new Error("AhoCorasick: add after build");
    const id = this.lengths.length;
    this.lengths.push(pattern.length);
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      const key = node * CODE_SPACE + code;
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.codeOf.length;
        this.edges.set(key, child);
        this.children.push([]);
        this.children[node]!.push(child);
        this.codeOf.push(code);
        this.fail.push(0);
        this.out.push(undefined);
        this.dictLink.push(-1);
      }
      node = child;
    }
    (this.out[node] ??= []).push(id);
    return id;
  }

  private step(node: number, code: number): number | undefined {
    return this.edges.get(node * CODE_SPACE + code);
  }

  build(): this {
    const queue: number[] = [...this.children[0]!];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const child of this.children[node]!) {
        const code = this.codeOf[child]!;
        let f = this.fail[node]!;
        let target = this.step(f, code);
        while (target === undefined && f !== 0) {
          f = this.fail[f]!;
          target = this.step(f, code);
        }
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dictLink[child] = this.out[fc] ? fc : this.dictLink[fc]!;
        queue.push(child);
      }
    }
    this.built = true;
    return this;
  }

  search(text: string): Match[] {
    if (!this.built) this.build();
    const matches: Match[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let child = this.step(node, code);
      while (child === undefined && node !== 0) {
        node = this.fail[node]!;
        child = this.step(node, code);
      }
      node = child ?? 0;
      for (let n = node; n > 0; n = this.dictLink[n]!) {
        const ids = this.out[n];
        if (ids) for (const pattern of ids) matches.push({ pattern, start: i + 1 - this.lengths[pattern]!, end: i + 1 });
      }
    }
    return matches;
  }
}
