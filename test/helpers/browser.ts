import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Browser tests need Debian's Chromium; without it they are skipped with a message. */
export function hasChromium(): boolean {
  const found = existsSync(CHROMIUM_PATH);
  if (!found && !warned) {
    warned = true;
    console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-wqy-microhei)`);
  }
  return found;
}
let warned = false;

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];
