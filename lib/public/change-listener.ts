// The listening end of ./changes.ts: one PostgreSQL connection per app process that LISTENs for
// announced changes and reconnects when it drops. While it is down the process cannot hear about
// changes, so the caller stops answering from its caches until it is back. It connects to
// PostgreSQL directly: LISTEN does not work through a transaction-mode pooler.
import pg from "pg";
import { PUBLIC_CHANGES_CHANNEL } from "./changes";

export interface PublicChangeListener {
  close(): Promise<void>;
}

export function listenForPublicChanges(options: {
  databaseUrl: string;
  /** A change was announced (payload: the report id), or changes may have been missed while disconnected. */
  onChange: (reportId: string | null) => void;
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
    next.on("notification", (message) => {
      if (message.channel === PUBLIC_CHANGES_CHANNEL) options.onChange(message.payload ?? null);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    retryDelay = 500;
    options.onConnection(true);
    // Anything announced while not listening is unknown: treat it as a change.
    options.onChange(null);
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
