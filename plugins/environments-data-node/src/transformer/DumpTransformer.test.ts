import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import {
  hmacSha256Hasher,
  transformValue,
} from '@greenroom/plugin-environments-common';
import { DumpTransformer, type DumpProgress } from './DumpTransformer';
import { nativeHmacHasher } from './nativeHmacHasher';

const RULES = {
  rules: [
    { column: 'users.email', transform: 'email' as const },
    { column: 'public.users.name', transform: 'null' as const },
    {
      column: 'shop.Notes.Body',
      transform: 'fixed' as const,
      value: 'a\tb\\c',
    },
    { column: 'users.tier', transform: 'keep' as const },
  ],
};
const hash = nativeHmacHasher('key');
const email = (value: string) =>
  transformValue({ transform: 'email' }, value, hash);

const DUMP = [
  'SET statement_timeout = 0;',
  'COPY public.users (id, email, name, tier) FROM stdin;',
  '1\tada@example.com\tAda Lovelace\tgold',
  '2\t\\N\tGrace\\tHopper\tsilver',
  '3\tzoë\\\\🌱@example.com\tZoë\t\\N',
  '\\.',
  'COPY "shop"."Notes" (id, "Body") FROM stdin;',
  '1\tsecret\\nnote',
  '\\.',
  'COPY public.orders (id, email) FROM stdin;',
  '7\tada@example.com',
  '\\.',
  "SELECT pg_catalog.setval('public.users_id_seq', 3, true);",
  '',
].join('\n');

const EXPECTED = [
  'SET statement_timeout = 0;',
  'COPY public.users (id, email, name, tier) FROM stdin;',
  `1\t${email('ada@example.com')}\t\\N\tgold`,
  '2\t\\N\t\\N\tsilver',
  `3\t${email('zoë\\🌱@example.com')}\t\\N\t\\N`,
  '\\.',
  'COPY "shop"."Notes" (id, "Body") FROM stdin;',
  '1\ta\\tb\\\\c',
  '\\.',
  'COPY public.orders (id, email) FROM stdin;',
  '7\tada@example.com',
  '\\.',
  "SELECT pg_catalog.setval('public.users_id_seq', 3, true);",
  '',
].join('\n');

async function run(chunks: Buffer[], onProgress?: (p: DumpProgress) => void) {
  const transformer = new DumpTransformer({ rules: RULES, hash, onProgress });
  const output = await text(Readable.from(chunks).pipe(transformer));
  return { output, result: transformer.result() };
}

describe('DumpTransformer', () => {
  it('transforms the ruled columns of COPY rows and passes everything else through', async () => {
    const { output, result } = await run([Buffer.from(DUMP)]);
    expect(output).toBe(EXPECTED);
    expect(result).toEqual({
      rows: 5,
      tables: [
        { table: 'public.users', rows: 3 },
        { table: 'shop.Notes', rows: 1 },
        { table: 'public.orders', rows: 1 },
      ],
    });
  });

  it('gives the same output however the dump is cut into chunks, even inside a character', async () => {
    const bytes = Buffer.from(DUMP);
    for (let at = 1; at < bytes.length; at++) {
      const { output } = await run([bytes.subarray(0, at), bytes.subarray(at)]);
      expect(output).toBe(EXPECTED);
    }
    const { output } = await run([...bytes].map(b => Buffer.from([b])));
    expect(output).toBe(EXPECTED);
  });

  it('passes a dump without rules through byte for byte', async () => {
    const transformer = new DumpTransformer({ rules: { rules: [] }, hash });
    const output = await text(
      Readable.from([Buffer.from(DUMP)]).pipe(transformer),
    );
    expect(output).toBe(DUMP);
  });

  it('keeps a last line without a newline', async () => {
    const { output } = await run([Buffer.from('SELECT 1;\nSELECT 2;')]);
    expect(output).toBe('SELECT 1;\nSELECT 2;');
  });

  it('fails on a dump that ends inside the rows of a table', async () => {
    await expect(
      run([
        Buffer.from('COPY public.users (id, email) FROM stdin;\n1\ta@b.c\n'),
      ]),
    ).rejects.toThrow('the dump ended inside the rows of public.users');
  });

  it('reports progress: rows over all tables and the table being copied', async () => {
    const updates: DumpProgress[] = [];
    await run([Buffer.from(DUMP)], p => updates.push(p));
    expect(updates[updates.length - 1]).toEqual({
      table: 'public.orders',
      rows: 5,
    });
  });

  it("hashes with Node's crypto exactly as common's hasher does", () => {
    const plain = hmacSha256Hasher('key');
    for (const value of ['', 'ada@example.com', 'Zoë 🌱']) {
      expect([...hash(value)]).toEqual([...plain(value)]);
    }
  });
});
