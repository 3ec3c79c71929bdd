// A tiny runner for the browser scenarios: one fresh Chromium context per scenario, numbered
// milestone screenshots, one line per scenario, a screenshot and the page's errors on failure.
import { chromium } from 'playwright-core';
import path from 'node:path';

// Keep Chromium from dialling out on a closed network (as scripts/screenshots.js does).
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let current;
/** Closes the browser of a run in progress (when a signal stops the run). */
export async function closeBrowser() {
  const browser = current;
  current = undefined;
  await browser?.close().catch(() => {});
}

/** Runs the scenarios one after another; returns [{ id, title, ok, error, seconds }]. */
export async function runScenarios(scenarios, options) {
  const { appUrl, backendUrl, artifacts, executablePath, headed, log } =
    options;
  const browser = await chromium.launch({
    executablePath,
    headless: !headed,
    args: CHROMIUM_ARGS,
    // e2e/run.mjs handles the signals: it stops the demo, then exits.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  current = browser;
  let shotNumber = 0;
  const results = [];
  try {
    for (const scenario of scenarios) {
      const t0 = Date.now();
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1100 },
      });
      // Generous: the demo shares 2 cores with the dev server's compiler.
      context.setDefaultTimeout(30000);
      context.setDefaultNavigationTimeout(90000);
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', e => pageErrors.push(String(e)));
      const consoleErrors = [];
      page.on('console', m => {
        // React's development warnings are noise here.
        if (m.type() === 'error' && !m.text().startsWith('Warning:'))
          consoleErrors.push(m.text().slice(0, 300));
      });

      const step = message =>
        log(
          `  ${scenario.id}: ${message} (${((Date.now() - t0) / 1000).toFixed(
            1,
          )} s)`,
        );
      const shot = async name => {
        shotNumber += 1;
        // No hover tooltip in the picture.
        await page.mouse.move(0, 0);
        const file = path.join(
          artifacts,
          `${String(shotNumber).padStart(2, '0')}-${name}.png`,
        );
        await page.screenshot({ path: file, fullPage: true });
        step(`screenshot ${path.basename(file)}`);
      };
      const t = {
        page,
        appUrl,
        backendUrl,
        step,
        shot,
        /** Opens a path, entering as guest when the sign-in page shows. */
        open: async (pathname, ready) => {
          await page.goto(`${appUrl}${pathname}`);
          await signInIfAsked(page, ready);
        },
      };

      let error;
      try {
        await scenario.run(t);
        if (pageErrors.length > 0) {
          throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);
        }
      } catch (e) {
        // Playwright's message, with the locator it was waiting for.
        const message = e?.message || String(e);
        if (process.env.E2E_DEBUG) log(message);
        const waiting = message
          .replace(/\x1b\[[0-9;]*m/g, '')
          .split('\n')
          .find(l => /waiting for/.test(l));
        error =
          message.split('\n')[0] + (waiting ? ` [${waiting.trim()}]` : '');
        try {
          await shot(`${scenario.id}-FAILED`);
        } catch {
          /* the page may be gone */
        }
        if (consoleErrors.length) {
          log(
            `  ${scenario.id}: browser console errors:\n    ${consoleErrors
              .slice(-10)
              .join('\n    ')}`,
          );
        }
      }
      // Whatever happened, leave nothing behind when the scenario knows how.
      if (scenario.cleanup) {
        try {
          await scenario.cleanup(t);
        } catch (e) {
          log(
            `  ${scenario.id}: cleanup failed: ${e?.message?.split('\n')[0]}`,
          );
        }
      }
      await context.close();
      const seconds = (Date.now() - t0) / 1000;
      results.push({
        id: scenario.id,
        title: scenario.title,
        ok: !error,
        error,
        seconds,
      });
      console.log(
        error
          ? `not ok - ${scenario.title} (${seconds.toFixed(1)} s): ${
              error.split('\n')[0]
            }`
          : `ok - ${scenario.title} (${seconds.toFixed(1)} s)`,
      );
    }
  } finally {
    current = undefined;
    await browser.close().catch(() => {});
  }
  return results;
}

/**
 * After a navigation: waits for either the guest sign-in ("Enter") or `ready` (a locator),
 * and enters as guest when asked.
 */
export async function signInIfAsked(page, ready) {
  const enter = page.getByRole('button', { name: /^enter$/i });
  const target = ready ?? page.getByRole('navigation').first();
  await Promise.race([
    enter.waitFor({ timeout: 90000 }),
    target.waitFor({ timeout: 90000 }),
  ]).catch(() => {});
  if (await enter.isVisible().catch(() => false)) {
    await enter.click();
    await enter.waitFor({ state: 'detached', timeout: 60000 });
  }
  await target.waitFor({ timeout: 60000 });
}

/**
 * Polls `check` (async, returns truthy when done) every 250 ms until the deadline; `description`
 * (a string, or a function called on timeout) names what was awaited.
 */
export async function waitUntil(description, check, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e?.message;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting until ${
          typeof description === 'function' ? description() : description
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
