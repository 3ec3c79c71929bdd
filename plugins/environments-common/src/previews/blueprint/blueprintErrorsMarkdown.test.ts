import { blueprintErrorsMarkdown } from './blueprintErrorsMarkdown';

describe('blueprintErrorsMarkdown', () => {
  it('lists each problem with its field, line and fix', () => {
    expect(
      blueprintErrorsMarkdown([
        {
          field: 'spec.services[1]',
          line: 7,
          message: 'staging has no service named web',
          fix: 'list services of staging: storefront, orders-api',
        },
        {
          field: 'spec.ttl',
          message: 'must be at most 30d',
          fix: 'write "2d"',
        },
      ]),
    ).toBe(
      [
        '- `spec.services[1]` (line 7): staging has no service named web — list services of staging: storefront, orders-api',
        '- `spec.ttl`: must be at most 30d — write "2d"',
      ].join('\n'),
    );
  });

  it('escapes text from the repository: no HTML, links, mentions or broken code spans', () => {
    const markdown = blueprintErrorsMarkdown([
      {
        field: 'spec.variables["a`b"]',
        message:
          'staging has no service named <img src=x> [x](https://evil) @octocat',
        fix: 'line one\nline two *bold* | pipe',
      },
    ]);
    expect(markdown).toBe(
      '- `spec.variables["a\'b"]`: staging has no service named \\<img src=x\\> \\[x\\](https://evil) @\u2060octocat — line one line two \\*bold\\* \\| pipe',
    );
    expect(markdown.split('\n')).toHaveLength(1);
  });

  it('lists at most 10 problems, counts the rest and cuts long text', () => {
    const errors = Array.from({ length: 13 }, (_, i) => ({
      field: `spec.add[${i}].name`,
      message: 'x'.repeat(1000),
      fix: 'fix it',
    }));
    const lines = blueprintErrorsMarkdown(errors).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('- …and 3 more problems');
    expect(lines[0].length).toBeLessThan(400);
    expect(lines[0]).toContain('…');
  });
});
