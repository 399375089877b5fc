// playwright-core driving the system Chromium (no browser downloads on these machines).
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

export const browserAvailable = () => inject("chromiumPath") !== "";
export const baseUrl = () => inject("baseUrl");

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
