import { formatZodError } from '../zodErrors';
import { cloneRequestSchema } from './cloneRequest';

function errorOf(input: unknown) {
  const result = cloneRequestSchema.safeParse(input);
  if (result.success) throw new Error('expected an error');
  return formatZodError(result.error);
}

describe('cloneRequestSchema', () => {
  it('fills in the empty data policy', () => {
    expect(
      cloneRequestSchema.parse({ name: 'dev-ada', mode: 'development' }),
    ).toEqual({ name: 'dev-ada', mode: 'development', dataPolicy: 'empty' });
  });

  it('takes every documented field', () => {
    const request = {
      name: 'dev-ada',
      mode: 'development',
      title: 'Ada',
      ttl: '3d',
      dataPolicy: 'snapshot',
      services: ['web', 'orders-db'],
      dryRun: true,
    };
    expect(cloneRequestSchema.parse(request)).toEqual(request);
  });

  it('normalises the owner override to a full entity ref', () => {
    expect(
      cloneRequestSchema.parse({
        name: 'dev-ada',
        mode: 'development',
        owner: 'team-ada',
      }).owner,
    ).toBe('group:default/team-ada');
    expect(
      cloneRequestSchema.parse({
        name: 'dev-ada',
        mode: 'development',
        owner: 'user:default/ada',
      }).owner,
    ).toBe('user:default/ada');
  });

  it.each([
    [
      { name: 'dev-ada', mode: 'development', owner: 'component:shop' },
      'owner: must refer to a group or a user',
    ],
    [{ mode: 'development' }, 'name: is required'],
    [{ name: 'Dev Ada', mode: 'development' }, 'name: must be lower case'],
    [{ name: 'dev-ada' }, 'mode: is required'],
    [{ name: 'dev-ada', mode: 'qa' }, 'mode: must be one of'],
    [
      { name: 'dev-ada', mode: 'development', ttl: 'soon' },
      'ttl: Invalid duration',
    ],
    [
      { name: 'dev-ada', mode: 'development', dataPolicy: 'backup' },
      'dataPolicy: must be one of empty, snapshot, seed, copy',
    ],
    [
      { name: 'dev-ada', mode: 'development', services: [] },
      'services: must name at least one service',
    ],
    [
      { name: 'dev-ada', mode: 'development', services: ['Web'] },
      'services[0]: must be a service name',
    ],
    [
      { name: 'dev-ada', mode: 'development', overrides: {} },
      'overrides: unknown field',
    ],
  ])('rejects %j naming the field', (input, message) => {
    expect(errorOf(input)).toContain(message);
  });
});
