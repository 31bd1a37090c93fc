import { chromium, type Browser } from 'playwright-core'

/**
 * Launches the system (Debian) Chromium headless. playwright-core ships no browser, so we point it at
 * /usr/bin/chromium (override with CHROMIUM_PATH). `launch` (not launchPersistentContext) already uses a
 * fresh temporary profile per call, so no explicit user-data-dir is needed.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox', // CI runs as root in a container, where the sandbox cannot start
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}
