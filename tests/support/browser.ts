// playwright-core driving the system Chromium (no browser downloads on these machines).
import pg from "pg";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const browserAvailable = () => inject("chromiumPath") !== "";

/**
 * The lane of this test file (tests/support/e2e-setup.ts): the worker running it, of the two
 * that run browser files at once. Its site and database are the file's alone while it runs.
 */
function lane(): number {
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  return (worker - 1) % inject("baseUrls").length;
}
export const baseUrl = () => inject("baseUrls")[lane()]!;
/** The database behind baseUrl(). */
export const e2eDatabaseUrl = () => inject("e2eDatabaseUrls")[lane()]!;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("chromiumPath"),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${baseUrl()}/signin`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A fresh browser context signed in as `username` (demo password), on the back office home. */
export async function signedIn(browser: Browser, username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, username, password);
  await page.waitForURL(/\/studio$/);
  return { context, page };
}

/** A query against the browser tests' database (to arrange or check what the UI cannot). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
