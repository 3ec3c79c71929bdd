import {
  TEMPLATE_EXPRESSION,
  findTemplateExpressions,
  hasUnclosedTemplateExpression,
  replaceTemplateExpressions,
  wholeTemplateExpression,
} from './expressions';

describe('template expressions', () => {
  it('finds each expression and the parameter it names', () => {
    expect(
      findTemplateExpressions(
        'postgres:${{ parameters.version }}-${{ user.name }}',
      ),
    ).toEqual([
      { expression: '${{ parameters.version }}', parameter: 'version' },
      { expression: '${{ user.name }}' },
    ]);
    expect(findTemplateExpressions('no expression')).toEqual([]);
  });

  it('replaces expressions inside text', () => {
    expect(
      replaceTemplateExpressions(
        'db-${{ parameters.name }}:${{parameters.port}}',
        ({ parameter }) => parameter!.toUpperCase(),
      ),
    ).toBe('db-NAME:PORT');
  });

  it('tells a string that is one expression from one that holds one', () => {
    expect(wholeTemplateExpression('${{ parameters.port }}')).toEqual({
      expression: '${{ parameters.port }}',
      parameter: 'port',
    });
    expect(wholeTemplateExpression('x${{ parameters.port }}')).toBeUndefined();
    expect(TEMPLATE_EXPRESSION.test('x${{ parameters.port }}')).toBe(true);
    expect(TEMPLATE_EXPRESSION.test('${ parameters.port }')).toBe(false);
  });

  it('finds unclosed expressions', () => {
    expect(hasUnclosedTemplateExpression('${{ parameters.port')).toBe(true);
    expect(hasUnclosedTemplateExpression('${{ a } b }}')).toBe(true);
    expect(hasUnclosedTemplateExpression('${{ parameters.port }}')).toBe(false);
    expect(hasUnclosedTemplateExpression('plain')).toBe(false);
  });
});
