import { eventHeader } from './eventHeader';

describe('eventHeader', () => {
  it('reads a header from the event metadata in any case', () => {
    expect(
      eventHeader({ 'x-github-delivery': 'abc' }, 'X-GitHub-Delivery'),
    ).toBe('abc');
    expect(
      eventHeader({ 'X-Gitlab-Event-UUID': ['abc'] }, 'x-gitlab-event-uuid'),
    ).toBe('abc');
  });

  it('is undefined when absent or empty', () => {
    expect(eventHeader({}, 'x-github-delivery')).toBeUndefined();
    expect(
      eventHeader({ 'x-github-delivery': '' }, 'x-github-delivery'),
    ).toBeUndefined();
    expect(eventHeader(undefined, 'x-github-delivery')).toBeUndefined();
  });
});
