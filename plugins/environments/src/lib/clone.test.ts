import { makeEnvironment, makeService } from '../__testUtils__/environments';
import {
  defaultCloneName,
  groupCloneDiff,
  isSecretSet,
  parseAttentionItem,
} from './clone';

describe('defaultCloneName', () => {
  it('appends -copy', () => {
    expect(defaultCloneName('shop-dev')).toBe('shop-dev-copy');
  });

  it('stays a valid name for a long source', () => {
    const name = defaultCloneName('a'.repeat(40));
    expect(name.length).toBeLessThanOrEqual(40);
    expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });
});

describe('parseAttentionItem', () => {
  it.each([
    [
      'secret:STRIPE_KEY',
      { type: 'secret', subject: 'STRIPE_KEY', key: 'STRIPE_KEY' },
    ],
    [
      'secret:payments-worker/STRIPE_KEY',
      {
        type: 'secret',
        subject: 'payments-worker/STRIPE_KEY',
        service: 'payments-worker',
        key: 'STRIPE_KEY',
      },
    ],
    [
      'domain:shop.example.com',
      { type: 'domain', subject: 'shop.example.com' },
    ],
    ['odd', { type: '', subject: 'odd' }],
  ])('%s', (item, expected) => {
    expect(parseAttentionItem(item)).toEqual(expected);
  });
});

describe('isSecretSet', () => {
  const environment = makeEnvironment({
    name: 'shop-dev',
    variables: [
      { key: 'A', kind: 'secret', isSet: true },
      { key: 'B', kind: 'secret', isSet: false },
      { key: 'C', kind: 'value', value: 'x' },
    ],
    services: [
      makeService({
        name: 'worker',
        kind: 'application',
        variables: [{ key: 'D', kind: 'secret', isSet: true }],
      }),
    ],
  });

  it('reads the environment scope', () => {
    expect(isSecretSet(environment, 'A')).toBe(true);
    expect(isSecretSet(environment, 'B')).toBe(false);
    expect(isSecretSet(environment, 'C')).toBe(false);
    expect(isSecretSet(environment, 'D')).toBe(false);
  });

  it('reads the service scope', () => {
    expect(isSecretSet(environment, 'D', 'worker')).toBe(true);
    expect(isSecretSet(environment, 'A', 'worker')).toBe(false);
    expect(isSecretSet(environment, 'D', 'nope')).toBe(false);
  });
});

describe('groupCloneDiff', () => {
  it('groups entries by kind', () => {
    const groups = groupCloneDiff([
      { kind: 'copied', path: 'a' },
      { kind: 'changed', path: 'b', from: '1', to: '2' },
      { kind: 'copied', path: 'c' },
    ]);
    expect(groups.copied.map(e => e.path)).toEqual(['a', 'c']);
    expect(groups.changed.map(e => e.path)).toEqual(['b']);
    expect(groups.attention).toEqual([]);
  });
});
