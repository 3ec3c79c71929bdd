import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  dataRulesSchema,
  hmacSha256Hasher,
} from '@greenroom/plugin-environments-common';
import { MysqlDumpTransformer } from './MysqlDumpTransformer';
import { mysqlDumpTransformStream } from './transformStream';

const rules = dataRulesSchema.parse({
  rules: [{ column: 'users.email', transform: 'fixed', value: 'x' }],
});
const newTransformer = () =>
  new MysqlDumpTransformer({
    rules,
    database: 'shop',
    hash: hmacSha256Hasher('k'),
  });

const DUMP = Buffer.from(
  [
    'SET FOREIGN_KEY_CHECKS=0;',
    "INSERT INTO `users` (`id`, `email`) VALUES (1,'ada@example.com');",
    '',
    "INSERT INTO `users` (`id`, `email`) VALUES (2,'zoë@example.com');",
    'COMMIT;',
  ].join('\n'),
);
const EXPECTED = [
  'SET FOREIGN_KEY_CHECKS=0;',
  "INSERT INTO `users` (`id`, `email`) VALUES (1,'x');",
  '',
  "INSERT INTO `users` (`id`, `email`) VALUES (2,'x');",
  'COMMIT;',
].join('\n');

function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    out.push(bytes.subarray(i, i + size));
  }
  return out;
}

describe('mysqlDumpTransformStream', () => {
  it.each([1, 3, 64, 100_000])(
    'gives the same lines whatever the chunks (%i bytes)',
    async size => {
      const transformer = newTransformer();
      const out = await buffer(
        Readable.from(chunks(DUMP, size)).pipe(
          mysqlDumpTransformStream(transformer),
        ),
      );
      expect(out.toString('utf8')).toBe(EXPECTED);
      expect(transformer.result().rows).toBe(2);
    },
  );

  it('keeps the line end of a dump that ends with one', async () => {
    const out = await buffer(
      Readable.from([Buffer.concat([DUMP, Buffer.from('\n')])]).pipe(
        mysqlDumpTransformStream(newTransformer()),
      ),
    );
    expect(out.toString('utf8')).toBe(`${EXPECTED}\n`);
  });

  it('fails the stream on a row it cannot read, also when cut off', async () => {
    const cut = DUMP.subarray(0, DUMP.indexOf('ada') + 3);
    await expect(
      buffer(
        Readable.from([cut]).pipe(mysqlDumpTransformStream(newTransformer())),
      ),
    ).rejects.toThrow('cannot copy line 2 of the dump');
  });
});
