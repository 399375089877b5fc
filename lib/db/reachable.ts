import pg from "pg";

export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnreachableError";
  }
}

/** host:port of a connection string, for messages (never the password). */
export function describeDatabaseUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || "localhost"}:${url.port || "5432"}`;
  } catch {
    return "(DATABASE_URL 格式不正确 / malformed DATABASE_URL)";
  }
}

/** Connects once and explains in words why not, within `timeoutMs`. */
export async function assertDatabaseReachable(connectionString: string, timeoutMs = 10_000): Promise<void> {
  const where = describeDatabaseUrl(connectionString);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  // A server that accepts the connection but never answers must not hang us past the limit.
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })), timeoutMs + 500).unref(),
  );
  try {
    await Promise.race([client.connect().then(() => client.query("SELECT 1")), timer]);
  } catch (error) {
    throw new DatabaseUnreachableError(explain(error, where, timeoutMs));
  } finally {
    client.end().catch(() => {});
  }
}

function explain(error: unknown, where: string, timeoutMs: number): string {
  const code = (error as { code?: string }).code ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  const seconds = Math.round(timeoutMs / 1000);
  switch (true) {
    case code === "ECONNREFUSED":
      return `无法连接数据库 ${where}：连接被拒绝，该地址上没有运行 PostgreSQL。\nCannot reach the database at ${where}: connection refused.`;
    case code === "ENOTFOUND" || code === "EAI_AGAIN":
      return `无法连接数据库 ${where}：找不到该主机。\nCannot reach the database at ${where}: host not found.`;
    case code === "ETIMEDOUT" || /timeout/i.test(detail):
      return `无法连接数据库 ${where}：${seconds} 秒内没有响应。\nCannot reach the database at ${where}: no answer within ${seconds} s.`;
    case code === "28P01" || code === "28000":
      return `数据库 ${where} 拒绝登录：用户名或密码不正确。\nThe database at ${where} refused the credentials in DATABASE_URL.`;
    case code === "3D000":
      return `数据库 ${where} 上不存在 DATABASE_URL 指定的数据库。\nThe database named in DATABASE_URL does not exist at ${where}.`;
    default:
      return `无法连接数据库 ${where}：${detail}\nCannot reach the database at ${where}: ${detail}`;
  }
}
