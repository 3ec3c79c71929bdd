import { Transform } from 'node:stream';
import type { MysqlDumpTransformer } from './MysqlDumpTransformer';

const NEWLINE = Buffer.from('\n');

/**
 * The bytes of a dump through `transformer`, line by line: only the line
 * being read is held, so memory stays flat whatever the size of the dump.
 *
 * @public
 */
export function mysqlDumpTransformStream(
  transformer: MysqlDumpTransformer,
): Transform {
  let pending: Buffer[] = [];
  const line = (end: Buffer) => {
    const whole = pending.length ? Buffer.concat([...pending, end]) : end;
    pending = [];
    return transformer.transformLine(whole);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const out: Buffer[] = [];
        let from = 0;
        for (
          let newline = chunk.indexOf(0x0a);
          newline >= 0;
          newline = chunk.indexOf(0x0a, from)
        ) {
          out.push(line(chunk.subarray(from, newline)), NEWLINE);
          from = newline + 1;
        }
        if (from < chunk.length) pending.push(chunk.subarray(from));
        callback(null, out.length ? Buffer.concat(out) : undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        // A last line without a line end: a cut dump, read like any other.
        callback(null, pending.length ? line(Buffer.alloc(0)) : undefined);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
