// With DATABASE_URL the database is not ours to copy file by file: the standard PostgreSQL
// tools of the server's own major version do it, and a media store in S3 is backed up with
// the store's own tools (versioning, replication, `aws s3 sync`).
import { describeDatabaseUrl } from "../db/reachable";

export function externalDatabaseInstructions(databaseUrl: string, mode: "backup" | "restore"): string {
  const where = describeDatabaseUrl(databaseUrl);
  const zh =
    mode === "backup"
      ? [
          `设置了 DATABASE_URL（${where}），数据库不是内置的，本命令不备份它。请使用与服务器主版本相同的 PostgreSQL 标准工具：`,
          `  逻辑备份：pg_dump --format=custom --file=cms.dump "$DATABASE_URL"`,
          `  物理备份：pg_basebackup --pgdata=<目录> --format=tar --gzip --wal-method=stream --checkpoint=fast -d "$DATABASE_URL"`,
          `媒体文件：MEDIA_DIR 目录请用 tar 或 rsync 复制；若媒体存放在 S3 兼容的对象存储中，请使用该存储自身的工具（版本控制、复制或 aws s3 sync）。`,
        ]
      : [
          `设置了 DATABASE_URL（${where}），数据库不是内置的，本命令不恢复它。请使用与服务器主版本相同的 PostgreSQL 标准工具：`,
          `  逻辑备份的恢复：pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" cms.dump`,
          `  物理备份的恢复：停止服务器，用 pg_basebackup 的输出替换其数据目录，再启动。`,
          `媒体文件：把备份的目录复制回 MEDIA_DIR；S3 中的媒体用该存储自身的工具恢复。`,
        ];
  const en =
    mode === "backup"
      ? [
          `DATABASE_URL is set (${where}): the database is not the embedded one and this command does not back it up.`,
          `Use PostgreSQL's standard tools of the server's major version:`,
          `  logical:  pg_dump --format=custom --file=cms.dump "$DATABASE_URL"`,
          `  physical: pg_basebackup --pgdata=<dir> --format=tar --gzip --wal-method=stream --checkpoint=fast -d "$DATABASE_URL"`,
          `Media: copy the MEDIA_DIR folder with tar or rsync; media in an S3-compatible store is backed up with the store's own tools (versioning, replication, aws s3 sync).`,
        ]
      : [
          `DATABASE_URL is set (${where}): the database is not the embedded one and this command does not restore it.`,
          `Use PostgreSQL's standard tools of the server's major version:`,
          `  logical:  pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" cms.dump`,
          `  physical: stop the server, replace its data directory with pg_basebackup's output, start it.`,
          `Media: copy the saved folder back to MEDIA_DIR; media in S3 is restored with the store's own tools.`,
        ];
  return [...zh, "", ...en].join("\n");
}
