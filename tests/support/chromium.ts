import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The system Chromium that browser tests drive (playwright-core downloads none). */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

export const MISSING_CHROMIUM_MESSAGE = `
################################################################################
#  浏览器测试需要 Chromium，但本机没有找到。                                      #
#  Browser tests need Chromium and none was found on this machine.             #
#                                                                              #
#  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium     #
#  Or point CHROMIUM_PATH at a Chromium/Chrome binary.                         #
################################################################################
`;
