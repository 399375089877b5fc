// The listening end of ./changes.ts: one PostgreSQL connection per app process that LISTENs for
// announced changes and reconnects when it drops. While it is down the process cannot hear about
// changes, so the caller stops answering from its caches until it is back. It connects to
// PostgreSQL directly: LISTEN does not work through a transaction-mode pooler.
//
// With a read replica, each change also comes with the primary's WAL position read on this
// connection when the notification arrives. PostgreSQL delivers a notification only after its
// transaction committed, so that position is at or past the commit record: a replica that has
// replayed up to it shows the change. (The position cannot travel in the payload: pg_notify
// runs inside the transaction, before the commit record exists.)
import pg from "pg";
import { PUBLIC_CHANGES_CHANNEL } from "./changes";

export interface PublicChangeListener {
  close(): Promise<void>;
}

export function listenForPublicChanges(options: {
  databaseUrl: string;
  /**
   * A change was announced (its payload), or changes may have been missed while disconnected
   * (null). `walPosition` is the primary's pg_current_wal_lsn() read after it, when asked for.
   */
  onChange: (payload: string | null, walPosition: string | null) => void;
  /** Read the primary's WAL position for every change (needed only with a read replica). */
  readWalPosition?: boolean;
  /** Connected and listening (true), or lost (false). */
  onConnection: (listening: boolean) => void;
  log?: (line: string) => void;
}): PublicChangeListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retryDelay = 500;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, application_name: "cms-listener" });
    client = next;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      options.onConnection(false);
      next.removeAllListeners("notification");
      next.end().catch(() => {});
      if (closed) return;
      options.log?.(`change listener lost its database connection${error ? ` (${error.message})` : ""}; retrying`);
      retryTimer = setTimeout(() => void connect(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10_000);
    };
    next.on("error", onLost);
    next.on("end", () => onLost());
    const walPosition = async (): Promise<string | null> => {
      if (!options.readWalPosition) return null;
      const { rows } = await next.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
      return rows[0]!.lsn;
    };
    next.on("notification", (message) => {
      if (message.channel !== PUBLIC_CHANGES_CHANNEL) return;
      // A connection lost before the position arrives ends in onLost, then a reconnect that
      // reports "anything may have changed".
      walPosition().then(
        (position) => options.onChange(message.payload ?? null, position),
        () => {},
      );
    });
    let position: string | null;
    try {
      await next.connect();
      await next.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`);
      position = await walPosition();
    } catch (error) {
      onLost(error as Error);
      return;
    }
    retryDelay = 500;
    options.onConnection(true);
    // Anything announced while not listening is unknown: treat it as a change.
    options.onChange(null, position);
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}
