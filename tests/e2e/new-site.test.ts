// A new installation, as the compose file starts one: migrations only, no demo data, no account.
// The operator creates the first site admin on the command line (scripts/create-admin.ts), who
// signs in with the one-time password, must choose their own, and is pointed at creating the
// first committee; the public home shows no empty lists. Its own site on its own database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { findFreePort } from "@/lib/db/ports";
import { startSite, type Site } from "@/lib/front/start-site";
import { browserAvailable, e2eDatabaseUrl, launchBrowser } from "../support/browser";
import { waitFor } from "../support/deploy-programs";
import { createDatabase } from "../support/postgres";
import { DIST_DIR } from "../support/e2e-setup";

describe.skipIf(!browserAvailable())("a new site", () => {
  let browser: Browser;
  let site: Site;
  let base: string;
  let databaseUrl: string;
  let mediaDir: string;

  beforeAll(async () => {
    const adminUrl = new URL(e2eDatabaseUrl());
    adminUrl.pathname = "/postgres";
    databaseUrl = await createDatabase(adminUrl.toString(), `cms_new_site_${process.pid}`);
    await applyMigrations(databaseUrl);
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-new-site-media-"));
    site = await startSite({
      port,
      hostname: "127.0.0.1",
      env: {
        ...process.env,
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: "new-site-test-secret",
        NEXTAUTH_URL: base,
        SCHEDULER_INTERVAL_MS: "0",
        MEDIA_DIR: mediaDir,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitFor(() => fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false), "the new site answers /api/health");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it("gets its first site admin from the command line, who is led to create the first committee", async () => {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const created = spawnSync(process.execPath, [tsx, "scripts/create-admin.ts", "zhou.li", "周丽"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
    expect(created.status, created.stderr).toBe(0);
    const oneTimePassword = /一次性密码（只显示这一次）：(\S+)/.exec(created.stdout)?.[1];
    expect(oneTimePassword).toBeDefined();

    const page = await browser.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel("用户名").fill("zhou.li");
    await page.getByLabel("密码").fill(oneTimePassword!);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/studio\/account\/password$/);
    const form = page.locator("[data-testid=change-password]");
    await form.getByLabel("当前密码").fill(oneTimePassword!);
    await form.getByLabel("新密码", { exact: true }).fill("Zhouli-2026-pw");
    await form.getByLabel("再次输入新密码").fill("Zhouli-2026-pw");
    await form.getByRole("button", { name: "保存新密码" }).click();
    await page.waitForURL(/\/studio$/);

    await expect(page.locator("[data-testid=no-committees]").textContent()).resolves.toContain("网站还没有工委");
    await page.locator("[data-testid=no-committees]").getByRole("link", { name: "新建工委" }).click();
    await page.waitForURL(/\/studio\/admin\/committees$/);
    await page.close();
  });

  it("shows readers an empty home page without empty lists", async () => {
    const page = await browser.newPage();
    const response = await page.goto(base);
    expect(response?.status()).toBe(200);
    await expect(page.locator("main").textContent()).resolves.toContain("暂无已发布的稿件");
    expect(await page.locator("#committees-heading").count()).toBe(0);
    await page.close();
  });
});
