// The browser scenarios, run in order by e2e/run.mjs. Selectors are roles and accessible
// names (what a user sees), not CSS classes. Each milestone is a numbered screenshot.
import { randomBytes } from 'node:crypto';
import { waitUntil } from './lib.mjs';

/** Long enough for several local-runtime steps (~1.5 s each) on a busy 2-core machine. */
const OPERATION_TIMEOUT_MS = 180000;
/** How long a fresh demo's catalog may take to read the example ServiceTemplates. */
const CATALOG_TIMEOUT_MS = 300000;

const exact = name => new RegExp(`^${name}$`, 'i');

/** The environment page's action buttons (Stop, Start, Clone, Destroy). */
const action = (page, label) =>
  page.getByRole('button', { name: exact(label) });

/** Backstage's LinkButton is a link with the button role. */
const linkButton = (scope, name) =>
  scope
    .getByRole('button', { name, exact: true })
    .or(scope.getByRole('link', { name, exact: true }));

/** The value under the Overview's "Status" label: `running`, `stopped`, … */
async function overviewStatus(page) {
  const value = page
    .getByRole('heading', { name: 'Status', exact: true })
    .locator('xpath=following-sibling::*[1]');
  return (await value.innerText()).trim();
}

/**
 * Waits until the environment page shows `status` and is settled: no "on its way to …",
 * and the action back (Start after stopping, Stop after starting) is enabled.
 */
async function waitForStatus(t, status, timeoutMs = OPERATION_TIMEOUT_MS) {
  const { page } = t;
  const back = status === 'stopped' ? 'start' : 'stop';
  let seen;
  await waitUntil(
    () => `the environment is ${status} (last seen: ${JSON.stringify(seen)})`,
    async () => {
      seen = await overviewStatus(page);
      return (
        seen.split('\n')[0] === status &&
        !/on its way to|being destroyed/.test(seen) &&
        (await action(page, back).isEnabled())
      );
    },
    timeoutMs,
  );
}

/** The guest's token, to clean up through the API when a scenario failed half way. */
async function guestToken(page, backendUrl) {
  const res = await page.request.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const body = await res.json();
  return body?.backstageIdentity?.token;
}

// --- a) guest journey ------------------------------------------------------------

const clone = { name: undefined, destroyed: false };

const guestJourney = {
  id: 'guest',
  title:
    'guest journey: sign in, find staging, clone it, run, stop, costs, destroy',
  async run(t) {
    const { page, step, shot } = t;
    clone.name = `e2e-${randomBytes(3).toString('hex')}`;
    clone.destroyed = false;

    // Sign in as guest on the home page.
    await page.goto(`${t.appUrl}/`);
    const enter = page.getByRole('button', { name: /^enter$/i });
    await enter.waitFor({ timeout: 90000 });
    await shot('sign-in');
    await enter.click();
    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    // The home page (the catalog) has rendered: the app is ready for navigation.
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await shot('home');
    step('signed in as guest');

    // Environments, from the sidebar.
    await nav.getByRole('link', { name: exact('environments') }).click();
    await page
      .getByRole('heading', { name: 'Environments', level: 1 })
      .waitFor();
    const staging = page.getByRole('link', { name: 'staging', exact: true });
    await staging.waitFor();
    await shot('environments');

    // Search for staging: the list narrows down to it.
    await page.getByRole('textbox', { name: 'Search' }).last().fill('staging');
    // Debounced, then kept in the URL; every row left is a staging environment.
    await waitUntil(
      'the search narrows the list to staging',
      async () => {
        if (!decodeURIComponent(page.url()).includes('staging')) return false;
        const rows = await page
          // the environments table (the preview quota card below has tables too)
          .getByRole('table')
          .first()
          .getByRole('row')
          // data rows: the pagination row has cells too, but no link
          .filter({ has: page.getByRole('cell').getByRole('link') })
          .allInnerTexts();
        return (
          rows.length > 0 &&
          rows.every(row => /staging/i.test(row)) &&
          (await staging.isVisible())
        );
      },
      30000,
    );
    await shot('environments-search-staging');
    await staging.click();

    // The staging page.
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('cell', { name: 'orders-db', exact: true }).waitFor();
    await shot('staging');
    step('opened staging');

    // Clone it: name, mode development, preview the dry run, confirm.
    await action(page, 'clone').click();
    const dialog = page.getByRole('dialog', { name: 'Clone staging' });
    await dialog.waitFor();
    await dialog
      .getByRole('textbox', { name: 'Name', exact: true })
      .fill(clone.name);
    await dialog
      .getByRole('combobox', { name: 'Mode' })
      .selectOption('development');
    await dialog.getByText(`${clone.name} is free`).waitFor();
    await shot('clone-dialog');
    await dialog.getByRole('button', { name: /preview changes/i }).click();
    await dialog.getByRole('heading', { name: /^Copied \(\d+\)$/ }).waitFor();
    await dialog.getByRole('heading', { name: /^Changes \(\d+\)$/ }).waitFor();
    await shot('clone-dry-run');
    step('previewed the dry run');
    await dialog.getByRole('button', { name: exact('clone') }).click();

    // The clone's page, with its operation in progress.
    await page.waitForURL(`**/environments/${clone.name}`);
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const operations = page.getByRole('list', { name: 'Operations' });
    await operations.getByText('Clone', { exact: true }).first().waitFor();
    await shot('clone-in-progress');
    step(
      `landed on ${clone.name}: ${(await overviewStatus(page)).replace(
        /\s+/g,
        ' ',
      )}`,
    );

    await waitForStatus(t, 'running');
    await operations.getByText('succeeded').first().waitFor();
    await shot('clone-running');
    step(`${clone.name} is running`);

    // Stop it.
    await action(page, 'stop').click();
    await operations.getByText('Stop', { exact: true }).first().waitFor();
    await waitForStatus(t, 'stopped');
    await shot('clone-stopped');
    step(`${clone.name} is stopped`);

    // The cost page, from the environment list's "Costs" button: the headline figures
    // of the seeded 30 days of cost history, not the empty state.
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: exact('environments') })
      .click();
    await page
      .getByRole('heading', { name: 'Environments', level: 1 })
      .waitFor();
    // "Costs" is a link styled as a button (role button).
    await linkButton(page, 'Costs').click();
    await page.waitForURL('**/environments/costs**');
    const figures = [
      'This month so far',
      'Last month',
      'Projected month',
      'Idle waste',
      'Savings from auto-stop',
    ];
    for (const label of figures) {
      const figure = page.getByRole('group', { name: label });
      await waitUntil(
        `the "${label}" figure shows an amount`,
        async () => /\d/.test(await figure.innerText()),
        60000,
      );
    }
    if (await page.getByText('No cost yet').count()) {
      throw new Error('the cost page shows its empty state');
    }
    await page.getByText('Top spenders').first().waitFor();
    const month = await page
      .getByRole('group', { name: 'This month so far' })
      .innerText();
    await shot('costs');
    step(`costs: ${month.replace(/\s+/g, ' ')}`);

    // Destroy the clone, typing its name to confirm.
    await t.open(
      `/environments/${clone.name}`,
      page.getByRole('heading', { name: 'Overview' }),
    );
    await action(page, 'destroy').click();
    const confirm = page.getByRole('dialog', {
      name: `Destroy ${clone.name}?`,
    });
    await confirm.waitFor();
    const destroy = confirm.getByRole('button', { name: exact('destroy') });
    if (await destroy.isEnabled()) {
      throw new Error('Destroy is enabled before the name is typed');
    }
    await confirm
      .getByRole('textbox', { name: 'Environment name' })
      .fill(clone.name);
    await shot('destroy-confirm');
    await destroy.click();
    await page
      .getByText(`${clone.name} was destroyed`)
      .waitFor({ timeout: OPERATION_TIMEOUT_MS });
    clone.destroyed = true;
    await shot('clone-destroyed');
    step(`${clone.name} destroyed`);
  },
  /** A failure half way leaves the clone: destroy it through the API. */
  async cleanup(t) {
    if (!clone.name || clone.destroyed) return;
    const token = await guestToken(t.page, t.backendUrl);
    const res = await t.page.request.delete(
      `${t.backendUrl}/api/environments/environments/${clone.name}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    t.step(`cleanup: DELETE ${clone.name} → ${res.status()}`);
  },
};

// --- b) templates journey -----------------------------------------------------------

/**
 * The environment the service is added to: a development clone of staging, made through the
 * API before the journey and destroyed after it. The seeded development environments have
 * schedules (Mon-Fri 08:00-20:00 Europe/Berlin) that the policy sweep enforces, so at night
 * or at the weekend they could stop in the middle of the journey; a clone gets the development
 * defaults (no schedule, idle stop after 2 h).
 */
const target = { name: undefined, token: undefined };

async function api(t, method, path, body) {
  target.token ??= await guestToken(t.page, t.backendUrl);
  const res = await t.page.request.fetch(
    `${t.backendUrl}/api/environments${path}`,
    {
      method,
      headers: { authorization: `Bearer ${target.token}` },
      ...(body && { data: body }),
    },
  );
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status(), json, text };
}

/**
 * Set-up through the API: a development clone of staging named `name` (the seeded development
 * environments have schedules the policy sweep enforces; a clone gets the development defaults).
 */
async function cloneStaging(t, name) {
  await t.open(
    '/environments',
    t.page.getByRole('heading', { name: 'Environments', level: 1 }),
  );
  const created = await api(t, 'POST', '/environments/staging/clone', {
    name,
    mode: 'development',
    dataPolicy: 'empty',
  });
  if (created.status !== 202) {
    throw new Error(
      `set-up: cloning staging answered ${created.status}: ${created.text}`,
    );
  }
}

const templatesJourney = {
  id: 'templates',
  title:
    'templates journey: find PostgreSQL, add it to an environment with the generated form, see it deployed',
  async run(t) {
    const { page, step, shot } = t;
    const service = `e2e-db-${randomBytes(2).toString('hex')}`;
    target.name = `e2e-tpl-${randomBytes(3).toString('hex')}`;
    target.token = undefined;

    // Set-up through the API (the guest journey covers cloning in the UI).
    await cloneStaging(t, target.name);
    await waitUntil(
      `${target.name} runs`,
      async () => {
        const { json } = await api(t, 'GET', `/environments/${target.name}`);
        const environment = json?.environment ?? json;
        return (
          environment?.status === 'running' &&
          environment?.desiredState === 'running'
        );
      },
      OPERATION_TIMEOUT_MS,
    );
    step(`set-up: ${target.name} (development clone of staging) is running`);

    // The template catalog. On a fresh demo the catalog may still be reading the
    // ServiceTemplates: reload until PostgreSQL is listed.
    const card = page.getByRole('article', { name: 'PostgreSQL', exact: true });
    const catalogWait = Date.now();
    await t.open(
      '/environments/templates',
      page.getByRole('heading', { name: 'Service templates', level: 1 }),
    );
    await waitUntil(
      'the catalog lists the PostgreSQL template',
      async () => {
        if (await card.isVisible()) return true;
        await page.reload();
        await page
          .getByRole('heading', { name: 'Service templates', level: 1 })
          .waitFor();
        await card.waitFor({ timeout: 10000 }).catch(() => {});
        return card.isVisible();
      },
      // The first catalog processing of a fresh demo takes up to 2 minutes on 2 busy cores.
      CATALOG_TIMEOUT_MS,
    );
    step(
      `the catalog lists PostgreSQL (waited ${(
        (Date.now() - catalogWait) /
        1000
      ).toFixed(1)} s)`,
    );
    await shot('templates');

    // Search "postgres": only the PostgreSQL templates are left.
    await page.getByRole('textbox', { name: 'Search' }).last().fill('postgres');
    await waitUntil(
      'the search leaves only PostgreSQL templates',
      async () => {
        // The cards are articles in list items (the page's content is an article too).
        const titles = await page
          .getByRole('listitem')
          .getByRole('article')
          .evaluateAll(cards => cards.map(c => c.getAttribute('aria-label')));
        return (
          titles.length > 0 &&
          titles.includes('PostgreSQL') &&
          titles.every(title => /postgres/i.test(title))
        );
      },
      30000,
    );
    await shot('templates-search-postgres');
    await linkButton(card, 'Details of PostgreSQL').click();

    // The template page.
    await page.getByRole('heading', { name: 'PostgreSQL', level: 1 }).waitFor();
    await page.getByText(/^Parameters \(\d+\)$/).waitFor();
    await shot('template-postgresql');
    step('opened the PostgreSQL template');

    // Add to environment: the generated form.
    await page.getByRole('button', { name: /add to environment/i }).click();
    const dialog = page.getByRole('dialog', { name: 'Add PostgreSQL' });
    await dialog.waitFor();
    const environment = dialog.getByRole('combobox', { name: 'Environment' });
    await environment
      .locator(`option[value="${target.name}"]`)
      .waitFor({ state: 'attached' });
    await environment.selectOption(target.name);
    await dialog.getByRole('textbox', { name: /service name/i }).fill(service);
    // The version select of the form generated from the template's parameters.
    await dialog.getByRole('button', { name: /postgresql version/i }).click();
    await page.getByRole('option', { name: '15', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await waitUntil(
      'the version shows 15',
      async () =>
        /15/.test(
          await dialog
            .getByRole('button', { name: /postgresql version/i })
            .innerText(),
        ),
      10000,
    );
    await shot('add-service-form');

    // Preview (a dry run), then add.
    await dialog.getByRole('button', { name: /^preview$/i }).click();
    const preview = dialog.getByRole('table', { name: `Service ${service}` });
    await preview.waitFor();
    const rendered = await preview.innerText();
    if (
      !/postgresql 15/i.test(rendered) ||
      !/postgres:15-alpine/.test(rendered)
    ) {
      throw new Error(`the preview does not show PostgreSQL 15: ${rendered}`);
    }
    await shot('add-service-preview');
    step('previewed the service');
    await dialog.getByRole('button', { name: /^add$/i }).click();

    // The environment page: the new service is listed, the update runs, and the
    // environment is running again.
    await page.waitForURL(`**/environments/${target.name}`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // Its row in the Services table (the Variables card has rows for it too).
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: service, exact: true }) })
      .filter({
        has: page.getByRole('cell', { name: 'database', exact: true }),
      });
    await row.waitFor({ timeout: 60000 });
    const operations = page.getByRole('list', { name: 'Operations' });
    await operations.getByText('Update', { exact: true }).first().waitFor();
    await shot('service-added');
    await waitForStatus(t, 'running');
    const cells = await row.innerText();
    if (!/postgresql 15/i.test(cells)) {
      throw new Error(
        `the services table does not show PostgreSQL 15: ${cells}`,
      );
    }
    await row.scrollIntoViewIfNeeded();
    await shot('service-deployed');
    step(`${service} deployed on ${target.name}`);
  },
  /** Destroys the environment of the set-up. */
  async cleanup(t) {
    if (!target.name) return;
    const res = await api(t, 'DELETE', `/environments/${target.name}`);
    t.step(`clean-up: destroy ${target.name} → ${res.status}`);
    target.name = undefined;
  },
};

// --- c) wake journey ------------------------------------------------------------------

/** The environment the journey stops and wakes: a development clone of staging. */
const sleeper = { name: undefined };

const wakeJourney = {
  id: 'wake',
  title:
    "wake journey: stop an environment, open its service's URL, see the waking page, land on the running service",
  async run(t) {
    const { page, step, shot } = t;
    sleeper.name = `e2e-wake-${randomBytes(3).toString('hex')}`;
    target.token = undefined;
    await cloneStaging(t, sleeper.name);
    let url;
    let service;
    await waitUntil(
      `${sleeper.name} runs and its public service has a URL`,
      async () => {
        const { json } = await api(t, 'GET', `/environments/${sleeper.name}`);
        const running = json?.services?.find(
          s => s.observed?.phase === 'running' && s.observed.publicUrls.length,
        );
        url = running?.observed.publicUrls[0];
        service = running?.name;
        return json?.status === 'running' && url;
      },
      OPERATION_TIMEOUT_MS,
    );
    step(`set-up: ${sleeper.name} runs; ${service} answers at ${url}`);

    // The environment page shows each service's state and URL.
    await t.open(
      `/environments/${sleeper.name}`,
      page.getByRole('heading', { name: 'Overview' }),
    );
    await page.locator(`a[href="${url}"]`).first().waitFor();
    await shot('services-live');
    step('the environment page links the running service');

    const stopped = await api(t, 'POST', `/environments/${sleeper.name}/stop`, {});
    if (stopped.status !== 202) {
      throw new Error(`stopping answered ${stopped.status}: ${stopped.text}`);
    }
    await waitUntil(
      `${sleeper.name} is stopped`,
      async () =>
        (await api(t, 'GET', `/environments/${sleeper.name}`)).json?.status ===
        'stopped',
      OPERATION_TIMEOUT_MS,
    );
    step(`${sleeper.name} stopped`);

    // A visitor opens the service: the waking page, then the service itself.
    await page.goto(url);
    await page
      .getByRole('heading', { name: `Waking up ${sleeper.name}` })
      .waitFor();
    await page.getByRole('status').waitFor();
    await shot('waking-page');
    step('the service URL answers the waking page');
    await page.waitForURL(url, { timeout: OPERATION_TIMEOUT_MS });
    await page
      .getByRole('heading', { name: `${service} in ${sleeper.name}` })
      .waitFor();
    await shot('woke-service');
    const { json } = await api(t, 'GET', `/environments/${sleeper.name}`);
    if (json?.status !== 'running') {
      throw new Error(`after waking, ${sleeper.name} is ${json?.status}`);
    }
    step(`${sleeper.name} woke up and the visitor landed on ${service}`);
  },
  async cleanup(t) {
    if (!sleeper.name) return;
    const res = await api(t, 'DELETE', `/environments/${sleeper.name}`);
    t.step(`clean-up: destroy ${sleeper.name} → ${res.status}`);
    sleeper.name = undefined;
  },
};

export const scenarios = [guestJourney, templatesJourney, wakeJourney];
