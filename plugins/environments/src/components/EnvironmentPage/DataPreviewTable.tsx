import { useTranslationRef } from '@backstage/frontend-plugin-api';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { TransformedRowsPreview } from '@greenroom/plugin-environments-common';
import { Fragment } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { SmallTable } from '../SmallTable';

const useStyles = makeStyles(theme => ({
  before: {
    color: theme.palette.text.secondary,
    borderBottom: 'none',
  },
  label: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  null: {
    fontStyle: 'italic',
    color: theme.palette.text.secondary,
  },
}));

function Value(props: { value: string | null }) {
  const classes = useStyles();
  return props.value === null ? (
    <span className={classes.null}>NULL</span>
  ) : (
    <>{props.value}</>
  );
}

/**
 * Made-up rows of one table before and after a copy's rules: each sample row
 * as it was, then as the clone gets it.
 */
export function DataPreviewTable(props: { preview: TransformedRowsPreview }) {
  const { table, columns, rows } = props.preview;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2" component="h4">
        <code>{table}</code>
      </Typography>
      <SmallTable
        label={t('clonePlan.preview', { table })}
        // The first column says which side of the rules a row is on.
        columns={['', ...columns]}
      >
        {rows.map((row, index) => (
          <Fragment key={index}>
            <TableRow>
              <TableCell className={`${classes.before} ${classes.label}`}>
                {t('clonePlan.before')}
              </TableCell>
              {row.before.map((value, column) => (
                <TableCell key={column} className={classes.before}>
                  <Value value={value} />
                </TableCell>
              ))}
            </TableRow>
            <TableRow>
              <TableCell className={classes.label}>
                {t('clonePlan.after')}
              </TableCell>
              {row.after.map((value, column) => (
                <TableCell key={column}>
                  <Value value={value} />
                </TableCell>
              ))}
            </TableRow>
          </Fragment>
        ))}
      </SmallTable>
    </>
  );
}
