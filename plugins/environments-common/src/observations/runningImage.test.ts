import { runningImageWhenDifferent } from './runningImage';

const asked = { repository: 'ghcr.io/acme/shop', tag: '2.4.0' };

describe('runningImageWhenDifferent', () => {
  it('names the image that runs during a rollout', () => {
    expect(
      runningImageWhenDifferent({
        image: asked,
        observed: { image: 'ghcr.io/acme/shop:2.3.9' },
      }),
    ).toBe('ghcr.io/acme/shop:2.3.9');
  });

  it('is undefined when the same image runs, however the runtime spells it', () => {
    expect(
      runningImageWhenDifferent({
        image: asked,
        observed: { image: 'ghcr.io/acme/shop:2.4.0' },
      }),
    ).toBeUndefined();
    expect(
      runningImageWhenDifferent({
        image: { repository: 'nginx', tag: '1.27' },
        observed: { image: 'docker.io/library/nginx:1.27' },
      }),
    ).toBeUndefined();
    expect(
      runningImageWhenDifferent({
        image: { repository: 'nginx' },
        observed: { image: 'nginx:latest' },
      }),
    ).toBeUndefined();
    expect(
      runningImageWhenDifferent({
        image: asked,
        observed: { image: 'ghcr.io/acme/shop:2.4.0@sha256:abc' },
      }),
    ).toBeUndefined();
  });

  it('compares digests when both sides have one', () => {
    expect(
      runningImageWhenDifferent({
        image: { repository: 'ghcr.io/acme/shop@sha256:new' },
        observed: { image: 'ghcr.io/acme/shop@sha256:old' },
      }),
    ).toBe('ghcr.io/acme/shop@sha256:old');
  });

  it('is undefined without an observed image or an asked one', () => {
    expect(runningImageWhenDifferent({ image: asked })).toBeUndefined();
    expect(
      runningImageWhenDifferent({ observed: { image: 'postgres:16' } }),
    ).toBeUndefined();
  });
});
