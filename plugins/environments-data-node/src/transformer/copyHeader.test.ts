import { parseCopyHeader } from './copyHeader';

describe('parseCopyHeader', () => {
  it('reads the table and columns of a COPY line as pg_dump writes it', () => {
    expect(
      parseCopyHeader('COPY public.users (id, email, name) FROM stdin;'),
    ).toEqual({
      schema: 'public',
      table: 'users',
      columns: ['id', 'email', 'name'],
    });
  });

  it('unquotes quoted names, with doubled quotes, dots and spaces in them', () => {
    expect(
      parseCopyHeader(
        'COPY "public"."Users" ("Email", "say ""hi""", "a.b", "order") FROM stdin;',
      ),
    ).toEqual({
      schema: 'public',
      table: 'Users',
      columns: ['Email', 'say "hi"', 'a.b', 'order'],
    });
  });

  it('takes public when the table has no schema, and tables without columns', () => {
    expect(parseCopyHeader('COPY users (id) FROM stdin;')).toEqual({
      schema: 'public',
      table: 'users',
      columns: ['id'],
    });
    expect(parseCopyHeader('COPY public.empty  FROM stdin;')).toEqual({
      schema: 'public',
      table: 'empty',
      columns: [],
    });
  });

  it.each([
    'COPY public.users (id) TO stdout;',
    'COPY public.users (id FROM stdin;',
    'COPY public.users (id) extra FROM stdin;',
    'COPY "public.users (id) FROM stdin;',
    'SELECT 1;',
    'COPY (SELECT 1) FROM stdin;',
  ])('is not fooled by %j', line => {
    expect(parseCopyHeader(line)).toBeUndefined();
  });
});
