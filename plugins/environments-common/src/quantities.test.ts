import { parseCpuCores, parseMemoryGb } from './quantities';

describe('parseCpuCores', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['0.5', 0.5],
    ['1500m', 1.5],
    ['0m', 0],
  ])('reads %s as %p cores', (text, cores) => {
    expect(parseCpuCores(text)).toBe(cores);
  });

  it.each(['', 'abc', '1Gi', '-1', '250 m', '1.5mm'])('rejects %p', text => {
    expect(() => parseCpuCores(text)).toThrow(/Invalid CPU quantity/);
  });
});

describe('parseMemoryGb', () => {
  it.each([
    ['256Mi', 0.25],
    ['1Gi', 1],
    ['1.5Gi', 1.5],
    ['2Ti', 2048],
    ['1048576Ki', 1],
    [String(2 ** 30), 1],
  ])('reads %s as %p GB', (text, gb) => {
    expect(parseMemoryGb(text)).toBe(gb);
  });

  it('reads decimal units as bytes', () => {
    expect(parseMemoryGb('1G')).toBeCloseTo(1e9 / 2 ** 30, 10);
    expect(parseMemoryGb('512M')).toBeCloseTo(0.476837, 6);
  });

  it.each(['', '1GB', 'Gi', '-1Gi', '1 Gi x'])('rejects %p', text => {
    expect(() => parseMemoryGb(text)).toThrow(/Invalid memory quantity/);
  });
});
