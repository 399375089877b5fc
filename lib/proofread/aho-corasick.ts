/**
 * A small Aho-Corasick automaton over UTF-16 code units.
 *
 * Hand-built rather than a dependency. Both packages suggested
 * (@monyone/aho-corasick, mint-filter) are published and recent; the checker
 * needs every match including overlapping and nested ones with pattern ids
 * and offsets, over a few thousand generated patterns, in a bundle that will
 * run in a browser worker, and mint-filter is shaped as a word filter. These
 * 100 lines do exactly that with nothing to audit; the two were not
 * benchmarked against it. Edges live in one Map keyed by node and code unit,
 * and the per-node data in flat arrays (no object or array per node), which
 * keeps building cheap and the garbage collector quiet. Searching is linear in
 * the text plus the number of matches.
 */
export interface Match {
  pattern: number;
  start: number;
  end: number;
}

const CODE_SPACE = 0x10000;

export class AhoCorasick {
  private readonly edges = new Map<number, number>();
  private readonly parent: number[] = [0];
  private readonly codeOf: number[] = [0];
  private readonly depth: number[] = [0];
  private readonly fail: number[] = [0];
  /** Nearest node on the fail chain that has output, or -1. */
  private readonly dictLink: number[] = [-1];
  /** First pattern ending at the node, or -1; further ones chain through nextPattern. */
  private readonly firstPattern: number[] = [-1];
  private readonly nextPattern: number[] = [];
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
        this.parent.push(node);
        this.codeOf.push(code);
        this.depth.push(i + 1);
        this.fail.push(0);
        this.dictLink.push(-1);
        this.firstPattern.push(-1);
      }
      node = child;
    }
    this.nextPattern.push(this.firstPattern[node]!);
    this.firstPattern[node] = id;
    return id;
  }

  private step(node: number, code: number): number | undefined {
    return this.edges.get(node * CODE_SPACE + code);
  }

  build(): this {
    // Nodes in order of depth (counting sort): a node's fail link only depends on shallower nodes.
    const count = this.codeOf.length;
    let maxDepth = 0;
    for (let n = 0; n < count; n++) if (this.depth[n]! > maxDepth) maxDepth = this.depth[n]!;
    const starts = new Array<number>(maxDepth + 2).fill(0);
    for (let n = 0; n < count; n++) starts[this.depth[n]! + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const order = new Array<number>(count);
    for (let n = 0; n < count; n++) order[starts[this.depth[n]!]!++] = n;

    for (const node of order) {
      if (node === 0) continue;
      const parent = this.parent[node]!;
      const code = this.codeOf[node]!;
      let target: number | undefined;
      if (parent !== 0) {
        let f = this.fail[parent]!;
        target = this.step(f, code);
        while (target === undefined && f !== 0) {
          f = this.fail[f]!;
          target = this.step(f, code);
        }
      }
      const fail = target ?? 0;
      this.fail[node] = fail;
      this.dictLink[node] = this.firstPattern[fail] !== -1 && fail !== 0 ? fail : this.dictLink[fail]!;
    }
    this.built = true;
    return this;
  }

  /** Every match in `text`; `map`, when given, replaces each code unit before matching. */
  search(text: string, map?: Uint16Array): Match[] {
    if (!this.built) this.build();
    const matches: Match[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = map ? map[text.charCodeAt(i)]! : text.charCodeAt(i);
      let child = this.step(node, code);
      while (child === undefined && node !== 0) {
        node = this.fail[node]!;
        child = this.step(node, code);
      }
      node = child ?? 0;
      for (let n = node; n > 0; n = this.dictLink[n]!) {
        for (let pattern = this.firstPattern[n]!; pattern !== -1; pattern = this.nextPattern[pattern]!) {
          matches.push({ pattern, start: i + 1 - this.lengths[pattern]!, end: i + 1 });
        }
      }
    }
    return matches;
  }
}
