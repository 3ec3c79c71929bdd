import {
  findPreviewComment,
  isBotComment,
  PREVIEW_COMMENT_MARKER,
  PreviewCommentView,
  readStoredView,
  renderPreviewComment,
  renderReply,
} from './previewComment';

const view: PreviewCommentView = {
  environmentName: 'pr-storefront-42',
  environmentUrl: 'http://localhost:3000/environments/pr-storefront-42',
  baseEnvironment: 'staging',
  status: 'running',
  expiresAt: '2025-11-23T09:12:00.000Z',
  service: 'storefront',
  branch: 'feature/`gift`',
  headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  services: [{ name: 'storefront', kind: 'application' }],
  lastChange: 'cloned from `staging`',
};

describe('renderPreviewComment', () => {
  it('starts with the marker and links the environment page', () => {
    const body = renderPreviewComment(view);
    expect(body.startsWith(PREVIEW_COMMENT_MARKER)).toBe(true);
    expect(body).toContain(`(${view.environmentUrl})`);
    expect(body).toContain("`feature/'gift'` at `6dcb09b`");
    expect(body).toContain(
      '| `storefront` | application | not observed yet | – |',
    );
    expect(body).toContain('(service URLs are on this page)');
    expect(body).toContain('Expires | 2025-11-23T09:12:00.000Z');
  });

  it("says who may run commands, in the provider's words", () => {
    expect(renderPreviewComment(view)).toContain(
      '<sub>Commands (write access): `/preview`, `/preview stop`,',
    );
    expect(
      renderPreviewComment(view, { access: 'Developer access or more' }),
    ).toContain('<sub>Commands (Developer access or more): `/preview`,');
  });

  it('drops services and expiry once destroyed', () => {
    const body = renderPreviewComment({ ...view, status: 'destroyed' });
    expect(body).toContain('**destroyed**');
    expect(body).not.toContain('Expires');
    expect(body).not.toContain('| `storefront` |');
  });

  it('says a pinned preview is not renewed by pushes', () => {
    const body = renderPreviewComment({ ...view, pinned: true });
    expect(body).toContain('at `6dcb09b` (pinned: approved with `/preview`)');
    expect(body).toContain('pushes do not renew it; a new `/preview` does');
    expect(body).not.toContain('each push renews it');
  });

  it('leaves out the base when it is not known, and says what was not deployed', () => {
    const body = renderPreviewComment({
      ...view,
      baseEnvironment: undefined,
      status: 'not deployed',
      expiresAt: undefined,
      services: [],
      service: undefined,
      pinned: true,
      lastChange: 'not deployed on its own because it comes from a fork',
    });
    expect(body).toContain('**not deployed**');
    expect(body).not.toContain('Based on');
    expect(body).not.toContain('pinned:');
    expect(body).toContain(
      'Last change: not deployed on its own because it comes from a fork.',
    );
  });
});

describe('the service table', () => {
  const observed = (fields: object) => ({
    phase: 'running' as const,
    publicUrls: [],
    ...fields,
  });
  const rows = (services: PreviewCommentView['services']) =>
    renderPreviewComment({ ...view, services })
      .split('\n')
      .filter(line => line.startsWith('| `'));

  it('shows each service with its status and its public URLs as links', () => {
    const body = renderPreviewComment({
      ...view,
      services: [
        {
          name: 'storefront',
          kind: 'application',
          observed: observed({
            replicas: { ready: 2, desired: 2 },
            publicUrls: [
              'https://storefront-pr-42.preview.example.com/',
              'https://shop.example.com/pr-42',
            ],
          }),
        },
        {
          name: 'db',
          kind: 'database',
          observed: observed({ phase: 'pending' }),
        },
      ],
    });
    expect(body).toContain('| Service | Kind | Status | Public URLs |');
    expect(body).toContain(
      '| `storefront` | application | running (2/2 ready) | ' +
        '[https://storefront-pr-42.preview.example.com](https://storefront-pr-42.preview.example.com/)<br>' +
        '[https://shop.example.com/pr-42](https://shop.example.com/pr-42) |',
    );
    expect(body).toContain('| `db` | database | pending | – |');
    // The URLs are on the comment now.
    expect(body).toContain(
      '| Environment | [pr-storefront-42](http://localhost:3000/environments/pr-storefront-42) |',
    );
  });

  it('says in short why a failed service failed, and only for a failed one', () => {
    const problem = `Back-off pulling image "ghcr.io/example/storefront:6dcb09b": ${'x'.repeat(
      200,
    )}\nmore detail`;
    const [failed, stopped] = rows([
      {
        name: 'storefront',
        kind: 'application',
        observed: observed({
          phase: 'failed',
          replicas: { ready: 0, desired: 1 },
          problem,
        }),
      },
      {
        name: 'worker',
        kind: 'application',
        observed: observed({ phase: 'stopped', problem: 'scaled to zero' }),
      },
    ]);
    expect(failed).toMatch(
      /^\| `storefront` \| application \| failed \(0\/1 ready\): `Back-off pulling image "ghcr.io\/example\/storefront:6dcb09b": x+…` \| – \|$/,
    );
    expect(failed.length).toBeLessThan(200);
    expect(failed).not.toContain('more detail');
    expect(stopped).toBe('| `worker` | application | stopped | – |');
  });

  it('keeps what runtimes report from breaking the table or the comment', () => {
    const [row] = rows([
      {
        name: 'storefront',
        kind: 'application',
        observed: observed({
          phase: 'failed',
          problem: 'exit | code `1` <!-- @alice',
          publicUrls: [
            'https://user:s3cret@shop.example.com/a|b(c)_[d]',
            'data:text/html,<b>hi</b>',
            'not a url | at all',
          ],
        }),
      },
    ]);
    // Five cell borders: nothing added a column.
    expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);
    expect(row).toContain("failed: `exit \\| code '1' <!-- @alice`");
    expect(row).toContain(
      '[https://shop.example.com/a\\|b(c)\\_\\[d\\]](https://shop.example.com/a%7Cb%28c%29_[d])',
    );
    expect(row).not.toContain('s3cret');
    expect(row).toContain(
      '<br>`data:text/html,<b>hi</b>`<br>`not a url \\| at all` |',
    );
  });

  it('shows no table once destroyed, nor with no services', () => {
    expect(rows([])).toEqual([]);
    const body = renderPreviewComment({ ...view, status: 'destroyed' });
    expect(body).not.toContain('| Service |');
  });
});

describe('the view the comment keeps', () => {
  const bodyWith = (data: string) =>
    `${PREVIEW_COMMENT_MARKER}\n<!-- greenroom-preview-view:${data} -->`;
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');

  it('is read back from the comment, without services or expiry', () => {
    const body = renderPreviewComment({ ...view, pinned: true });
    const { services: _s, expiresAt: _e, ...rest } = view;
    expect(readStoredView(body)).toEqual({ ...rest, pinned: true });
  });

  it('is stored as Node writes base64url, so comments written before still read', () => {
    const unicode = {
      ...view,
      branch: 'feature/café-☕',
      lastChange: '🚀 done',
    };
    const body = renderPreviewComment(unicode);
    const { services: _s, expiresAt: _e, ...rest } = unicode;
    expect(body).toContain(`<!-- greenroom-preview-view:${encode(rest)} -->`);
    expect(readStoredView(bodyWith(encode(rest)))).toEqual(rest);
  });

  it('is none for a comment without one, or with one edited out of shape', () => {
    expect(readStoredView(PREVIEW_COMMENT_MARKER)).toBeUndefined();
    expect(readStoredView(bodyWith('not json'))).toBeUndefined();
    expect(readStoredView(bodyWith(encode([1, 2])))).toBeUndefined();
    expect(
      readStoredView(bodyWith(encode({ ...view, status: 42 }))),
    ).toBeUndefined();
  });

  it('takes only the fields of a view, each of its type', () => {
    const stored = readStoredView(
      bodyWith(
        encode({
          ...view,
          services: [{ name: 'injected' }],
          error: { message: 'no' },
          pinned: 'yes',
          extra: 'x',
        }),
      ),
    );
    expect(stored).toEqual({
      environmentName: view.environmentName,
      environmentUrl: view.environmentUrl,
      baseEnvironment: view.baseEnvironment,
      status: view.status,
      service: view.service,
      branch: view.branch,
      headSha: view.headSha,
      lastChange: view.lastChange,
    });
  });
});

describe('finding the bot comments', () => {
  it('finds the preview comment by its marker, not a reply', () => {
    const reply = {
      id: 1,
      body: renderReply({ commentId: 5, author: 'a', text: 'no' }),
    };
    const preview = { id: 2, body: renderPreviewComment(view) };
    expect(findPreviewComment([{ id: 0, body: null }, reply, preview])).toBe(
      preview,
    );
    expect(isBotComment(reply.body)).toBe(true);
    expect(isBotComment('/preview')).toBe(false);
  });
});
