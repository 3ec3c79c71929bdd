import { formatMoney, roundMoney } from './money';

describe('roundMoney', () => {
  it.each([
    [1.005, 1.01], // 1.005 is 1.00499999… in binary; still rounds up
    [2.675, 2.68],
    [0.125, 0.13],
    [0.004, 0],
    [1234.5678, 1234.57],
    [-1.005, -1.01],
    [-0.001, 0],
  ])('%p → %p', (amount, rounded) => {
    expect(roundMoney(amount)).toBe(rounded);
  });
});

describe('formatMoney', () => {
  it.each([
    [12.5, '12.50'],
    [0.0359028, '0.04'],
    [0, '0.00'],
    [-0.001, '0.00'],
  ])('%p → %p', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });
});
