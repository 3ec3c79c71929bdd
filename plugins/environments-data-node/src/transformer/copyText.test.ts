import { decodeCopyField, encodeCopyField } from './copyText';

describe('COPY text fields', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\\there', 'tab\there'],
    ['new\\nline and \\r return', 'new\nline and \r return'],
    ['back\\\\slash', 'back\\slash'],
    ['\\\\N', '\\N'],
    ['\\b\\f\\v', '\b\f\v'],
    ['\\101\\x42', 'AB'],
    ['\\303\\251t\\xc3\\xa9', 'été'],
    ['unknown \\q escape', 'unknown q escape'],
    ['Zoë 🌱 東京', 'Zoë 🌱 東京'],
    ['trailing \\', 'trailing \\'],
  ])('decodes %j', (field, value) => {
    expect(decodeCopyField(field)).toBe(value);
  });

  it('reads \\N as NULL, and writes NULL as \\N', () => {
    expect(decodeCopyField('\\N')).toBeNull();
    expect(encodeCopyField(null)).toBe('\\N');
    expect(decodeCopyField('N')).toBe('N');
  });

  it('writes what PostgreSQL writes: backslash and control characters escaped', () => {
    expect(encodeCopyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(encodeCopyField('\\N')).toBe('\\\\N');
    expect(encodeCopyField('Zoë 🌱')).toBe('Zoë 🌱');
  });

  it('gives back every value it encodes', () => {
    const alphabet = [
      'a',
      '\\',
      '\t',
      '\n',
      '\r',
      'N',
      '\b',
      '\v',
      'ë',
      '🌱',
      ' ',
    ];
    for (let i = 0; i < 2000; i++) {
      let value = '';
      for (let n = (i * 7) % 13; n >= 0; n--) {
        value += alphabet[(i * 31 + n * 17) % alphabet.length];
      }
      const encoded = encodeCopyField(value);
      expect(encoded).not.toMatch(/[\t\n\r]/);
      expect(decodeCopyField(encoded)).toBe(value);
    }
  });
});
