// The line that starts a table's rows in pg_dump's plain format:
//   COPY public.users (id, email, "Full Name") FROM stdin;
// Names are quoted only when they need it ("public"."Users"), with "" for ".

/** The table and columns of a `COPY … FROM stdin;` line. */
export interface CopyHeader {
  schema: string;
  table: string;
  columns: string[];
}

const PREFIX = 'COPY ';
const SUFFIX = ' FROM stdin;';

/** Reads one identifier at `at`: its name and where it ends, or undefined. */
function readIdentifier(
  line: string,
  at: number,
): { name: string; end: number } | undefined {
  if (line[at] === '"') {
    let name = '';
    let i = at + 1;
    while (i < line.length) {
      if (line[i] === '"') {
        if (line[i + 1] !== '"') return { name, end: i + 1 };
        name += '"';
        i += 2;
      } else {
        name += line[i++];
      }
    }
    return undefined;
  }
  const match = /^[^\s".,()]+/.exec(line.slice(at));
  return match ? { name: match[0], end: at + match[0].length } : undefined;
}

/**
 * The table and columns a COPY line loads, or undefined when the line is not
 * the start of a COPY block (every other line of a dump).
 */
export function parseCopyHeader(line: string): CopyHeader | undefined {
  if (!line.startsWith(PREFIX) || !line.endsWith(SUFFIX)) return undefined;
  const body = line.slice(0, line.length - SUFFIX.length);
  const first = readIdentifier(body, PREFIX.length);
  if (!first) return undefined;
  let schema = 'public';
  let table = first.name;
  let at = first.end;
  if (body[at] === '.') {
    const second = readIdentifier(body, at + 1);
    if (!second) return undefined;
    schema = first.name;
    table = second.name;
    at = second.end;
  }
  const columns: string[] = [];
  while (body[at] === ' ') at++;
  if (at === body.length) return { schema, table, columns };
  if (body[at] !== '(') return undefined;
  at++;
  for (;;) {
    while (body[at] === ' ') at++;
    const column = readIdentifier(body, at);
    if (!column) return undefined;
    columns.push(column.name);
    at = column.end;
    if (body[at] === ')') {
      return at + 1 === body.length ? { schema, table, columns } : undefined;
    }
    if (body[at] !== ',') return undefined;
    at++;
  }
}
