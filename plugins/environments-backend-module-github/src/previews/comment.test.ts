import {
  findPreviewComment,
  isBotComment,
  PREVIEW_COMMENT_MARKER,
  renderPreviewComment,
  renderReply,
} from './comment';

const view = {
  environmentName: 'pr-storefront-42',
  environmentUrl: 'http://localhost:3000/environments/pr-storefront-42',
  baseEnvironment: 'staging',
  status: 'running',
  expiresAt: '2025-11-23T09:12:00.000Z',
  service: 'storefront',
  branch: 'feature/`gift`',
  headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  services: [{ name: 'storefront', kind: 'application', ports: [8080] }],
  lastChange: 'cloned from `staging`',
};

describe('renderPreviewComment', () => {
  it('starts with the marker and links the environment page', () => {
    const body = renderPreviewComment(view);
    expect(body.startsWith(PREVIEW_COMMENT_MARKER)).toBe(true);
    expect(body).toContain(`(${view.environmentUrl})`);
    expect(body).toContain("`feature/'gift'` at `6dcb09b`");
    expect(body).toContain('| `storefront` | application | 8080 |');
    expect(body).toContain('Expires | 2025-11-23T09:12:00.000Z');
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
