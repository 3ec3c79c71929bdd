// The pages a browser gets at an environment's public URL: the waking page
// while it sleeps, and the local runtime's stand-in for a service. Plain HTML
// with one external script (the backend's Content-Security-Policy allows no
// inline scripts); every name is escaped.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

const STYLE = `
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0;
  background: #f8f8f8; color: #222; display: flex; min-height: 100vh; align-items: center;
  justify-content: center; }
main { background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15);
  padding: 32px 40px; max-width: 560px; width: 100%; }
h1 { font-size: 1.4rem; margin: 0 0 8px; }
p { line-height: 1.5; }
code { background: #eee; padding: 1px 4px; border-radius: 3px; }
progress { width: 100%; height: 10px; }
ol { padding-left: 20px; color: #555; }
li[data-status=succeeded] { color: #1b5e20; }
li[data-status=running] { font-weight: 600; }
li[data-status=failed] { color: #b71c1c; }
.problem { color: #b71c1c; }
.muted { color: #666; font-size: .9rem; }
`;

function page(title: string, body: string, script?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script src="${escapeHtml(script)}"></script>` : ''}
</body>
</html>
`;
}

/**
 * The waking page: says which environment and service the visitor asked
 * for, then its script asks the backend to start the environment and shows
 * the progress until the service answers, and sends the visitor on.
 */
export function renderWakingPage(options: {
  environment: string;
  service: string;
  /** The wake endpoint of this service (start, status). */
  wakeUrl: string;
  scriptUrl: string;
  portalUrl?: string;
}): string {
  const { environment, service, wakeUrl, scriptUrl, portalUrl } = options;
  return page(
    `Waking up ${environment}`,
    `<h1>Waking up <code>${escapeHtml(environment)}</code></h1>
<p>This environment was stopped to save resources. It is starting so that
<code>${escapeHtml(
      service,
    )}</code> can answer; this page takes you there once it is ready.</p>
<div id="wake" data-wake-url="${escapeHtml(wakeUrl)}">
  <progress id="wake-progress" aria-label="Starting"></progress>
  <p id="wake-status" role="status">Asking the portal to start it…</p>
  <ol id="wake-steps"></ol>
</div>
${
  portalUrl
    ? `<p class="muted"><a href="${escapeHtml(
        portalUrl,
      )}">Open the environment in the portal</a></p>`
    : ''
}`,
    scriptUrl,
  );
}

/** A page that says why an environment does not wake, and where to start it. */
export function renderRefusedPage(options: {
  environment: string;
  reason: string;
  portalUrl?: string;
}): string {
  return page(
    `${options.environment} is stopped`,
    `<h1><code>${escapeHtml(options.environment)}</code> is not running</h1>
<p>${escapeHtml(options.reason)}</p>
${
  options.portalUrl
    ? `<p><a href="${escapeHtml(
        options.portalUrl,
      )}">Open it in the portal</a></p>`
    : ''
}`,
  );
}

/** What a service of the `local` runtime answers: it is simulated, so this page stands in for it. */
export function renderLocalServicePage(options: {
  environment: string;
  service: string;
  image?: string;
  portalUrl?: string;
}): string {
  const { environment, service, image, portalUrl } = options;
  return page(
    `${service} · ${environment}`,
    `<h1 id="local-service"><code>${escapeHtml(
      service,
    )}</code> in <code>${escapeHtml(environment)}</code></h1>
<p>This service runs on the <code>local</code> runtime, which simulates environments: nothing
is deployed, and this page stands in for the service.</p>
${image ? `<p class="muted">Image: <code>${escapeHtml(image)}</code></p>` : ''}
${
  portalUrl
    ? `<p><a href="${escapeHtml(
        portalUrl,
      )}">Open the environment in the portal</a></p>`
    : ''
}`,
  );
}
