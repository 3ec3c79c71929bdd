import { primaryPublicUrl } from './primaryPublicUrl';

const observed = (...publicUrls: string[]) => ({ publicUrls });

describe('primaryPublicUrl', () => {
  it('takes the first public URL of an application service before any other kind', () => {
    expect(
      primaryPublicUrl([
        { kind: 'database', observed: observed('https://db.example.com') },
        { kind: 'application', observed: observed() },
        {
          kind: 'application',
          observed: observed('https://shop.example.com', 'https://www.shop'),
        },
      ]),
    ).toBe('https://shop.example.com');
  });

  it('falls back to other kinds when no application service has one', () => {
    expect(
      primaryPublicUrl([
        { kind: 'application' },
        { kind: 'container', observed: observed('https://admin.example.com') },
      ]),
    ).toBe('https://admin.example.com');
  });

  it('is undefined when nothing with a public URL was observed', () => {
    expect(primaryPublicUrl([])).toBeUndefined();
    expect(
      primaryPublicUrl([{ kind: 'application' }, { kind: 'database' }]),
    ).toBeUndefined();
  });
});
