// Drives the demo through the UI in headless Chromium: signs in as guest, opens
// an environment, stops it, starts it again, and checks the status on the page
// each time. Needs the demo running (`bash scripts/greenroom.sh start`).
//
//   node scripts/ui-smoke.js [baseUrl=http://localhost:3000] [environment=dev-ada]
const { chromium } = require('playwright-core');

(async () => {
  const base = process.argv[2] || 'http://localhost:3000';
  const name = process.argv[3] || 'dev-ada';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
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
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const step = message => console.log(`${new Date().toISOString()} ${message}`);

  await page.goto(`${base}/environments/${name}`, { timeout: 60000 });
  await page.getByRole('button', { name: /enter/i }).first().click();
  await page.getByText('Operations').first().waitFor({ timeout: 60000 });
  step(`opened ${name}`);

  const button = label => page.getByRole('button', { name: new RegExp(`^${label}$`, 'i') });
  // Settled: the action for the way back is enabled (so the page has the new
  // desired state) and the status no longer says "on its way to …".
  const settled = async label => {
    const deadline = Date.now() + 60000;
    while (
      !(await button(label).isEnabled()) ||
      (await page.getByText(/on its way to/).count()) > 0
    ) {
      if (Date.now() > deadline) throw new Error(`never settled with ${label} enabled`);
      await page.waitForTimeout(250);
    }
  };

  await button('stop').click();
  // Non-production environments stop without a confirmation; production asks.
  const confirm = page.getByRole('dialog').getByRole('button', { name: /stop/i });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await settled('start');
  await page.getByText(/^stopped$/).first().waitFor();
  step('stopped');

  await button('start').click();
  await settled('stop');
  await page.getByText(/^running$/).first().waitFor();
  step('running again');

  await browser.close();
  if (errors.length) {
    console.error(`page errors:\n${errors.join('\n')}`);
    process.exit(1);
  }
})().catch(e => {
  console.error(e);
  process.exit(1);
});
