// Decides, read by read, whether a public read may go to the streaming replica or must go to
// the primary, so that public readers never see the site go back in time.
//
// The replica replays the primary's WAL some time after each commit. Three things could show a
// reader an older state than one they had already seen, and each has a rule here:
//
// 1. A change is announced (lib/public/changes.ts) and the caches are purged while the replica
//    has not replayed it yet: the purged page is rendered again from the replica, old, and kept
//    until its lifetime ends. So the change listener first calls `catchUp(position)` with the
//    primary's WAL position read after the commit, which waits (at most `maxWaitMs`) for the
//    replica to replay that far, and only then drops caches. The position is also the new
//    *floor*: no read goes to the replica until the replica's replay position is at or past it.
//    A replica that does not get there in time no longer serves: reads go to the primary until
//    it has caught up. Either way the purge never lets an old page back in.
// 2. Reads fell back to the primary (the replica was down, too far behind, or a read failed)
//    and readers saw data the replica does not have yet. Going back to the replica is done
//    under a gate: new reads wait, the primary reads under way finish, the primary's position
//    is read (everything those reads saw is at or before it), and the replica must have
//    replayed that far before reads are let through to it (else they go on to the primary).
// 3. The replica restarts behind what it had shown (a crash loses replay that was never
//    written to disk). A probe that sees its replay position go backwards, or cannot reach it,
//    sends reads to the primary, and the same gate decides when it may serve again. A replica
//    that crashes and comes back between two probes (`pollMs`) can still answer a few reads
//    from before its crash: the one window left, documented in the README.
//
// A process starts with reads on the primary and switches to the replica through the gate, so a
// new instance never serves older pages than the site already has.
import { formatLsn, maxLsn, type Lsn } from "./lsn";

export type ReadTarget = "replica" | "primary";

/** The longest the gate holds readers for the replica to replay the primary's latest writes. */
const GATE_REPLAY_WAIT_MS = 100;

export interface ReplicaProbe {
  /** pg_last_wal_replay_lsn() of the replica; rejects when it cannot be reached. */
  replayLsn(): Promise<Lsn>;
  /** pg_current_wal_lsn() of the primary. */
  primaryLsn(): Promise<Lsn>;
}

export interface RouterState {
  target: ReadTarget;
  /** The highest WAL position a public read may already have shown. */
  floor: string;
  /** The replica's replay position at the last probe, null before the first. */
  replay: string | null;
  /** Changes whose refresh is waiting for the replica. */
  waiting: number;
}

export class PublicReadRouter {
  private mode: ReadTarget = "primary";
  private floor: Lsn = 0n;
  private replay: Lsn | null = null;
  private primaryReadsInFlight = 0;
  private waiting = 0;
  private readonly replayWaiters = new Set<{ position: Lsn; deadline: number; resolve: (reached: boolean) => void }>();
  private polling = false;
  private onDrained: (() => void) | undefined;
  private gate: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by start() and stop(), so that a probe loop from before a restart ends. */
  private probeLoop = 0;

  /** How long the listener waits for the replica before sending reads to the primary. */
  maxWaitMs: number;
  private readonly pollMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly probe: ReplicaProbe,
    options: { maxWaitMs: number; pollMs: number; log?: (line: string) => void },
  ) {
    this.maxWaitMs = options.maxWaitMs;
    this.pollMs = options.pollMs;
    this.log = options.log ?? (() => {});
  }

  state(): RouterState {
    return { target: this.mode, floor: formatLsn(this.floor), replay: this.replay === null ? null : formatLsn(this.replay), waiting: this.waiting };
  }

  /** Starts the probe that notices a replica going down and coming back. */
  start(): void {
    clearTimeout(this.timer);
    const loop = ++this.probeLoop;
    const tick = async () => {
      if (loop !== this.probeLoop) return;
      await this.probeOnce();
      if (loop === this.probeLoop) this.timer = setTimeout(tick, this.pollMs).unref();
    };
    void tick();
  }

  stop(): void {
    this.probeLoop++;
    clearTimeout(this.timer);
  }

  /** Runs one public read against the target chosen now; a replica that fails hands it to the primary. */
  async read<T>(run: (target: ReadTarget) => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    if (this.mode === "replica") {
      try {
        return await run("replica");
      } catch (error) {
        if (isQueryError(error)) throw error;
        this.fallBack(`a read failed on the replica (${describe(error)})`);
      }
    }
    this.primaryReadsInFlight++;
    try {
      return await run("primary");
    } finally {
      if (--this.primaryReadsInFlight === 0) this.onDrained?.();
    }
  }

  /**
   * Called by the change listener with the primary's WAL position read after a change
   * committed. Resolves once public reads show that change: true when the replica has
   * replayed it, false when reads were sent to the primary instead.
   */
  async catchUp(position: Lsn): Promise<boolean> {
    let reached = false;
    if (this.mode === "replica") {
      this.waiting++;
      reached = await this.waitForReplay(position, this.maxWaitMs).finally(() => this.waiting--);
    }
    this.floor = maxLsn(this.floor, position);
    if (this.mode === "replica" && !this.replicaHasFloor()) {
      this.fallBack(`the replica has not replayed ${formatLsn(position)} within ${this.maxWaitMs} ms`);
    }
    return reached && this.mode === "replica";
  }

  private replicaHasFloor(): boolean {
    return this.replay !== null && this.replay >= this.floor;
  }

  private fallBack(reason: string): void {
    if (this.mode === "primary") return;
    this.mode = "primary";
    this.log(`public reads go to the primary: ${reason}`);
  }

  private observe(replay: Lsn): void {
    if (this.replay !== null && replay < this.replay) {
      this.fallBack(`the replica's replay position went back from ${formatLsn(this.replay)} to ${formatLsn(replay)} (restarted?)`);
    }
    this.replay = replay;
  }

  /**
   * Resolves true once the replica has replayed `position`, false after `waitMs` or when it
   * cannot be reached. However many changes wait at once (a burst of scheduled publications),
   * one loop polls the replica for all of them.
   */
  private waitForReplay(position: Lsn, waitMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.replayWaiters.add({ position, deadline: Date.now() + waitMs, resolve });
      void this.pollForWaiters();
    });
  }

  private async pollForWaiters(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      while (this.replayWaiters.size > 0) {
        let reachable = true;
        try {
          this.observe(await this.probe.replayLsn());
        } catch (error) {
          this.fallBack(`the replica does not answer (${describe(error)})`);
          reachable = false;
        }
        const now = Date.now();
        for (const waiter of this.replayWaiters) {
          const reached = reachable && this.replay !== null && this.replay >= waiter.position;
          if (reached || !reachable || now >= waiter.deadline) {
            this.replayWaiters.delete(waiter);
            waiter.resolve(reached);
          }
        }
        if (this.replayWaiters.size > 0) await sleep(10);
      }
    } finally {
      this.polling = false;
    }
  }

  private async probeOnce(): Promise<void> {
    if (this.gate) return;
    try {
      this.observe(await this.probe.replayLsn());
    } catch (error) {
      this.fallBack(`the replica does not answer (${describe(error)})`);
      return;
    }
    // Behind the floor (replay paused, say): keep reading from the primary, and do not make
    // readers wait at the gate for a replica that cannot pass it.
    if (this.mode === "primary" && this.replicaHasFloor()) await this.switchToReplica();
  }

  /** Rule 2 above: the gate. */
  private async switchToReplica(): Promise<void> {
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      if (this.primaryReadsInFlight > 0) {
        const drained = new Promise<boolean>((resolve) => (this.onDrained = () => resolve(true)));
        if (!(await Promise.race([drained, sleep(this.maxWaitMs).then(() => false)]))) return;
      }
      this.floor = maxLsn(this.floor, await this.probe.primaryLsn());
      // Readers are waiting: give the replica only a moment to replay what the primary wrote
      // since the last probe. If it needs longer, reads go on to the primary and the next
      // probe tries again.
      await this.waitForReplay(this.floor, Math.min(this.maxWaitMs, GATE_REPLAY_WAIT_MS));
      // Checked at the moment of switching, against the floor as it is now.
      if (this.replicaHasFloor()) {
        this.mode = "replica";
        this.log(`public reads go to the replica (replayed ${formatLsn(this.replay!)})`);
      }
    } catch (error) {
      this.log(`staying on the primary: ${describe(error)}`);
    } finally {
      this.onDrained = undefined;
      this.gate = undefined;
      open();
    }
  }
}

/** SQLSTATEs of a server that is going away or cannot serve now, and of reads a standby cancels. */
const REPLICA_TROUBLE = /^(08|53|57P0|40001|40P01)/;
/** @prisma/adapter-pg's names for a connection that could not be made, was lost or refused. */
const CONNECTION_TROUBLE = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
  "AuthenticationFailed",
  "DatabaseAccessDenied",
  "DatabaseDoesNotExist",
  "TransactionWriteConflict",
]);

/**
 * Errors that the query itself caused (a record not found, bad SQL): the primary would answer
 * the same, so they are not retried there. A lost or refused connection and a read cancelled
 * because it conflicted with replay (40001) are the replica's trouble: the read goes to the
 * primary. Prisma reports them as P1xxx, or, with a driver adapter, as P2xxx errors carrying
 * the driver's error (raw queries turn every driver error into P2010), so that is looked at.
 */
function isQueryError(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  if (typeof code !== "string" || !/^P2\d{3}$/.test(code) || code === "P2034") return false;
  const cause = meta?.driverAdapterError?.cause;
  if (typeof cause?.kind === "string" && CONNECTION_TROUBLE.has(cause.kind)) return false;
  return !(typeof cause?.originalCode === "string" && REPLICA_TROUBLE.test(cause.originalCode));
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return (lines.at(-1) ?? "").slice(0, 200);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
