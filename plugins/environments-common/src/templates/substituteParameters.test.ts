import {
  TemplateExpressionError,
  substituteParameters,
} from './substituteParameters';

describe('substituteParameters', () => {
  const parameters = { n: 3, on: false, s: 'x', list: ['a'], none: undefined };
  const declared = ['n', 'on', 's', 'list', 'none'];

  it('keeps types of whole-string expressions and leaves other values alone', () => {
    expect(
      substituteParameters(
        {
          a: '${{ parameters.n }}',
          b: ['${{parameters.on}}', 1, null, true],
          c: { d: '${{ parameters.list }}', e: 'plain' },
        },
        parameters,
        declared,
      ),
    ).toEqual({ a: 3, b: [false, 1, null, true], c: { d: ['a'], e: 'plain' } });
  });

  it('writes expressions inside a longer string as text', () => {
    expect(
      substituteParameters(
        '${{ parameters.s }}-${{ parameters.n }}-${{ parameters.on }}',
        parameters,
        declared,
      ),
    ).toBe('x-3-false');
  });

  it('drops fields and items whose whole-string parameter has no value', () => {
    expect(
      substituteParameters(
        { a: '${{ parameters.none }}', b: ['${{ parameters.none }}', 'k'] },
        parameters,
        declared,
      ),
    ).toEqual({ b: ['k'] });
  });

  it('throws an error naming the field', () => {
    expect(() =>
      substituteParameters(
        { ports: [{ port: '${{ parameters.missing }}' }] },
        parameters,
        declared,
      ),
    ).toThrow(
      new TemplateExpressionError(
        ['ports', 0, 'port'],
        '"${{ parameters.missing }}" refers to parameters.missing, which the template does not declare in spec.parameters',
      ),
    );
  });
});
