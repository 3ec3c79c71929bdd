// Screenshots of Greenroom's pages in headless Chromium (Debian's `chromium`,
// driven by playwright-core). Needs the demo running (`bash scripts/greenroom.sh start`).
//
//   node scripts/screenshots.js [baseUrl=http://localhost:3000] [outDir=docs/screenshots]
//
// Signs in as guest, opens each page, waits for its content, and fails on a
// page error or a missing text.
const { chromium } = require('playwright-core');
const path = require('node:path');

const pages = [
  { name: 'environments-list', path: '/environments', waitFor: 'dev-ada' },
  {
    name: 'environment-page',
    path: '/environments/staging',
    waitFor: 'orders-db',
  },
  {
    name: 'new-environment',
    path: '/environments/new',
    waitFor: 'New environment',
  },
  {
    name: 'clone-dialog',
    path: '/environments/staging',
    waitFor: 'orders-db',
    // Open the Clone dialog and preview the diff of the dry run.
    then: async page => {
      await page.getByRole('button', { name: /^clone$/i }).click();
      await page.getByRole('button', { name: /preview changes/i }).click();
      await page
        .getByText(/needs attention/i)
        .first()
        .waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'templates',
    path: '/environments/templates',
    // A card's title; 'PostgreSQL' first matches a hidden engine option.
    waitFor: 'Static website',
  },
  {
    name: 'template-postgresql',
    path: '/environments/templates/default/postgresql',
    waitFor: 'Parameters (',
  },
  {
    name: 'add-service',
    path: '/environments/templates/default/postgresql',
    waitFor: 'Parameters (',
    // Open "Add to environment", pick staging and preview the dry run.
    then: async page => {
      await page.getByRole('button', { name: /add to environment/i }).click();
      const environment = page.locator('#add-service-environment');
      await page
        .locator('#add-service-environment option[value="staging"]')
        .waitFor({ state: 'attached', timeout: 30000 });
      await environment.selectOption('staging');
      await page.getByLabel(/service name/i).fill('reports-db');
      await page.getByRole('button', { name: /^preview$/i }).click();
      await page.getByTestId('service-preview').waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'catalog-system-shop',
    path: '/catalog/default/system/shop',
    waitFor: 'shop',
  },
  {
    name: 'catalog-environment',
    path: '/catalog/default/environment/staging',
    waitFor: 'staging',
  },
  {
    name: 'costs',
    path: '/environments/costs',
    // Shown with the headline figures, or the empty state before any cost.
    waitFor: /Top spenders|No cost yet/,
  },
  {
    name: 'catalog-group-costs',
    path: '/catalog/default/group/team-shop/environment-costs',
    waitFor: /Cost per day by environment|No cost yet/,
  },
];

(async () => {
  const base = process.argv[2] || 'http://localhost:3000';
  const outDir =
    process.argv[3] || path.join(__dirname, '..', 'docs', 'screenshots');
  const only = process.env.SCREENSHOTS_ONLY?.split(',');
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
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const enter = page.getByRole('button', { name: /enter/i }).first();
  // A page load may show the sign-in page: enter as guest when it does.
  async function open(url, text) {
    await page.goto(url, { timeout: 60000 });
    const content = page.getByText(text).first();
    await Promise.race([
      enter.waitFor({ timeout: 60000 }),
      content.waitFor({ timeout: 60000 }),
    ]).catch(() => {});
    if (await enter.isVisible()) {
      await enter.click();
    }
    await content.waitFor({ timeout: 30000 });
  }

  let failed = 0;
  for (const target of pages) {
    if (only && !only.includes(target.name)) continue;
    try {
      await open(`${base}${target.path}`, target.waitFor);
      await page.waitForLoadState('networkidle');
      if (target.then) await target.then(page);
      await page.waitForTimeout(500);
    } catch (e) {
      failed++;
      console.error(
        `${target.name}: '${target.waitFor}' did not appear (${
          e.message.split('\n')[0]
        })`,
      );
    }
    const file = path.join(outDir, `${target.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(
      `${target.name}: ${page.url()} -> ${path.relative(process.cwd(), file)}`,
    );
  }
  await browser.close();
  if (errors.length) console.error(`page errors:\n${errors.join('\n')}`);
  process.exit(failed || errors.length ? 1 : 0);
})().catch(e => {
  console.error(e);
  process.exit(1);
});
