// Opens /environments of a running app in headless Chromium (Debian's `chromium`, driven by
// this repository's playwright-core), signs in as guest when the app asks, and checks that the
// Environments page rendered: its "Environments" header and either the list or its
// "No environments yet" state, with no page error. Saves a screenshot.
//
//   node scripts/install-check/browser-check.js <appBaseUrl> <screenshot.png>
'use strict';

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT] }));

(async () => {
  const [base, shot] = process.argv.slice(2);
  if (!base || !shot) {
    console.error('usage: browser-check.js <appBaseUrl> <screenshot.png>');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Keep Chromium from dialling out on a closed network.
    args: [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const problems = [];
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', e => problems.push(`page error: ${e}`));
    let consoleErrors = 0;
    page.on('console', m => {
      if (m.type() !== 'error' || ++consoleErrors > 10) return;
      console.log(`[browser console error] ${m.text().split('\n')[0].slice(0, 300)}`);
    });
    const url = `${base}/environments`;
    console.log(`opening ${url}`);
    await page.goto(url, { timeout: 120000 });

    const enter = page.getByRole('button', { name: /enter/i }).first();
    const header = page.getByRole('heading', { name: 'Environments', exact: true }).first();
    // The first load may show the sign-in page: enter as guest when it does.
    await Promise.race([
      enter.waitFor({ timeout: 120000 }),
      header.waitFor({ timeout: 120000 }),
    ]).catch(() => {});
    if (await enter.isVisible().catch(() => false)) {
      console.log('sign-in page: entering as guest');
      await enter.click();
    }
    await header.waitFor({ timeout: 120000 });
    console.log('found the "Environments" heading');
    const list = page.getByRole('table').first();
    const empty = page.getByText('No environments yet').first();
    await Promise.race([
      list.waitFor({ timeout: 60000 }),
      empty.waitFor({ timeout: 60000 }),
    ]);
    if (await empty.isVisible().catch(() => false)) {
      console.log('found the list\'s "No environments yet" state');
    } else {
      console.log('found the environments table');
    }
    const failed = page.getByText(/Error:|Failed to load|could not load/i).first();
    if (await failed.isVisible().catch(() => false)) {
      problems.push(`the page shows an error: ${await failed.textContent()}`);
    }
    // The dev server shows bundle warnings and errors in an overlay (the install check reads
    // them from the start log): note it and close it so the screenshot shows the page.
    const overlay = await page.evaluate(() => {
      const el = document.getElementById('webpack-dev-server-client-overlay');
      if (!el) return null;
      let text = '';
      try {
        text = el.contentDocument.body.innerText.split('\n').slice(0, 3).join(' ');
      } catch {
        text = 'present';
      }
      el.remove();
      return text;
    });
    if (overlay) console.log(`note: dev server overlay closed: ${overlay.slice(0, 300)}`);
    const navItem = page.getByRole('link', { name: /^Environments$/ }).first();
    if (await navItem.isVisible().catch(() => false)) console.log('found the "Environments" sidebar item');
    else console.log('note: no "Environments" sidebar item visible');
  } catch (e) {
    problems.push(String(e && e.message ? e.message.split('\n')[0] : e));
  } finally {
    if (page) {
      await page.screenshot({ path: shot, fullPage: false }).catch(e => problems.push(`screenshot: ${e}`));
      console.log(`screenshot: ${shot}`);
    }
    await browser.close();
  }
  if (problems.length) {
    for (const p of problems) console.error(`FAIL: ${p}`);
    process.exit(1);
  }
  console.log('browser check passed');
})();
