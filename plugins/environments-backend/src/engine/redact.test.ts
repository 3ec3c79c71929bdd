import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('masks every occurrence of every secret', () => {
    expect(
      redactSecrets('auth s3cret failed for s3cret and tok', ['s3cret', 'tok']),
    ).toBe('auth *** failed for *** and ***');
  });

  it('masks the longest secret whole', () => {
    expect(redactSecrets('key=abcdef', ['abc', 'abcdef'])).toBe('key=***');
  });

  it('ignores empty values and leaves other text alone', () => {
    expect(redactSecrets('nothing secret here', ['', 'absent'])).toBe(
      'nothing secret here',
    );
  });
});
