import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';

/** A column of a {@link SmallTable}: its heading, and its alignment when not left. */
export type SmallTableColumn = string | { title: string; align: 'right' };

/**
 * A dense table with a row of column headings, for the short tables of facts
 * in cards and dialogs (variables, changes, rates); the rows are its children.
 */
export function SmallTable(props: {
  /** The table's accessible name. */
  label: string;
  columns: ReadonlyArray<SmallTableColumn>;
  children: ReactNode;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map(column =>
            typeof column === 'string' ? (
              <TableCell key={column}>{column}</TableCell>
            ) : (
              <TableCell key={column.title} align={column.align}>
                {column.title}
              </TableCell>
            ),
          )}
        </TableRow>
      </TableHead>
      <TableBody>{props.children}</TableBody>
    </Table>
  );
}
