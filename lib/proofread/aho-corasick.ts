/**
 * A small Aho-Corasick automaton over UTF-16 code units.
 *
 * Hand-built rather than a dependency: the checker needs every match (also
 * overlapping ones) with its offsets over a few thousand generated patterns,
 * must run in a browser worker later, and this is 80 lines with no transitive
 * code to audit. Cost is linear in the text plus the number of matches.
 */
export interface Match {
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at the node itself. */
  private readonly out: number[][] = [[]];
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
      let child = this.next[node]!.get(code);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.dictLink.push(-1);
        this.next[node]!.set(code, child);
      }
      node = child;
    }
    this.out[node]!.push(id);
    return id;
  }

  build(): this {
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [code, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(code)) f = this.fail[f]!;
        const target = this.next[f]!.get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dictLink[child] = this.out[fc]!.length > 0 ? fc : this.dictLink[fc]!;
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
      let child = this.next[node]!.get(code);
      while (child === undefined && node !== 0) {
        node = this.fail[node]!;
        child = this.next[node]!.get(code);
      }
      node = child ?? 0;
      for (let n = node; n !== -1; n = this.dictLink[n]!) {
        for (const pattern of this.out[n]!) matches.push({ pattern, start: i + 1 - this.lengths[pattern]!, end: i + 1 });
        if (n === 0) break;
      }
    }
    return matches;
  }
}
