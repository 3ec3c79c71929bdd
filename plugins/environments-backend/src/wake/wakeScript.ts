// The waking page's script, served as a file of its own (no inline scripts
// under the backend's Content-Security-Policy). It starts the environment
// with a POST, so that link previews and crawlers, which only GET, wake
// nothing, then polls the status until the service is ready.
export const WAKE_SCRIPT = `(() => {
  const root = document.getElementById('wake');
  if (!root) return;
  const base = root.getAttribute('data-wake-url');
  const statusLine = document.getElementById('wake-status');
  const stepsList = document.getElementById('wake-steps');
  const progress = document.getElementById('wake-progress');

  function show(answer) {
    statusLine.textContent = answer.message || '';
    statusLine.className = answer.state === 'failed' || answer.state === 'refused' ? 'problem' : '';
    stepsList.replaceChildren(...(answer.steps || []).map(step => {
      const item = document.createElement('li');
      item.textContent = step.name + ' · ' + step.status;
      item.setAttribute('data-status', step.status);
      return item;
    }));
    const steps = answer.steps || [];
    if (steps.length) {
      progress.max = steps.length;
      progress.value = steps.filter(s => s.status === 'succeeded').length;
    }
  }

  async function call(method, path) {
    const res = await fetch(base + path, { method, headers: { accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      return { state: res.status === 429 ? 'starting' : 'failed', message: (body.error && body.error.message) || res.statusText };
    }
    return body;
  }

  async function poll() {
    const answer = await call('GET', '/status').catch(e => ({ state: 'starting', message: String(e) }));
    show(answer);
    if (answer.state === 'ready' && answer.url) {
      progress.value = progress.max;
      window.location.replace(answer.url);
      return;
    }
    if (answer.state === 'starting') setTimeout(poll, 2000);
  }

  call('POST', '/start')
    .then(answer => {
      show(answer);
      if (answer.state === 'starting' || answer.state === 'ready') poll();
    })
    .catch(e => show({ state: 'failed', message: String(e) }));
})();
`;
