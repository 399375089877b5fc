// The first site admin of a new installation, or a new password for a site admin who forgot
// theirs (lib/admin/first-admin.ts). The one-time password is printed once.
//
//   npm run admin:create -- <username> [姓名]            (DATABASE_URL, else the embedded database)
//   npm run admin:create -- --reset <username>
//   docker compose exec app1 node create-admin.mjs <username> [姓名]   (bundled into the image)
//
// Exit 0 when done, 1 when refused (the reason in Chinese, nothing changed), 2 when the
// database cannot be reached.
import { createPrismaClient } from "../lib/db/client";
import { createFirstAdmin, FirstAdminRefusal, resetAdminPassword } from "../lib/admin/first-admin";
import { format } from "../lib/i18n";
import { adminMessages } from "../lib/i18n/admin.zh-CN";

const t = adminMessages.firstAdmin;

async function main(args: string[]): Promise<number> {
  const reset = args.includes("--reset");
  const [username, displayName] = args.filter((arg) => arg !== "--reset");
  if (!username || args.some((arg) => arg.startsWith("-") && arg !== "--reset")) {
    console.error(t.usage);
    return 1;
  }
  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, close: async () => {} }
    : await (await import("../lib/db/script-database")).openScriptDatabase();
  const db = createPrismaClient(database.url, { max: 2 });
  try {
    const { user, oneTimePassword } = reset
      ? await resetAdminPassword(db, { username })
      : await createFirstAdmin(db, { username, displayName });
    console.log(format(reset ? t.reset : t.created, { username: user.username, name: user.displayName }));
    console.log(format(t.passwordNote, { password: oneTimePassword }));
    return 0;
  } catch (error) {
    if (error instanceof FirstAdminRefusal) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`无法连接数据库或执行失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
