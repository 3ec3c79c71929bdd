import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { useMemo } from 'react';
import type { ApiEnvironment } from '../../api';
import {
  builtinRows,
  SECRET_MASK,
  VariableRow,
  variableRows,
} from '../../lib/variables';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
  },
  chip: {
    marginLeft: theme.spacing(1),
  },
}));

/** `••••••` and whether a value is set; never the value. */
export function MaskedSecret(props: { isSet: boolean }) {
  const classes = useStyles();
  return (
    <span>
      <span aria-label="secret value, hidden" className={classes.code}>
        {SECRET_MASK}
      </span>
      <Chip
        size="small"
        variant="outlined"
        label={props.isSet ? 'set' : 'not set'}
        className={classes.chip}
      />
    </span>
  );
}

function VariableValue(props: { row: VariableRow }) {
  const { row } = props;
  const classes = useStyles();
  switch (row.kind) {
    case 'secret':
      return <MaskedSecret isSet={row.isSet} />;
    case 'alias':
      return (
        <>
          <Tooltip title={`${row.key} has the value of ${row.aliasOf}`}>
            <span className={classes.code}>
              {row.key} → {row.aliasOf}
            </span>
          </Tooltip>
          {row.resolvesToSecret && (
            <Typography variant="caption" component="div" color="textSecondary">
              = {SECRET_MASK} (secret)
            </Typography>
          )}
          {row.resolvedValue !== undefined && (
            <Typography
              variant="caption"
              component="div"
              color="textSecondary"
              className={classes.code}
            >
              = {row.resolvedValue}
            </Typography>
          )}
        </>
      );
    default:
      return <span className={classes.code}>{row.value}</span>;
  }
}

function UserVariables(props: { rows: VariableRow[] }) {
  const classes = useStyles();
  if (props.rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No variables are set. Every service still gets the built-in variables
        below.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Variables">
      <TableHead>
        <TableRow>
          <TableCell>Scope</TableCell>
          <TableCell>Key</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={`${row.scope}/${row.key}`}>
            <TableCell>{row.scope}</TableCell>
            <TableCell className={classes.code}>{row.key}</TableCell>
            <TableCell>{row.kind}</TableCell>
            <TableCell>
              <VariableValue row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function BuiltinVariables(props: { environment: ApiEnvironment }) {
  const classes = useStyles();
  const rows = useMemo(
    () => builtinRows(props.environment),
    [props.environment],
  );
  return (
    <Accordion>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="builtin-variables-content"
        id="builtin-variables-header"
      >
        <Typography variant="subtitle2">
          Built-in variables ({rows.length})
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <Typography variant="body2" color="textSecondary" paragraph>
            Computed by Greenroom for every service of this environment; they
            cannot be changed, but aliases can give them other names.
          </Typography>
          <Table size="small" aria-label="Built-in variables">
            <TableHead>
              <TableRow>
                <TableCell>Key</TableCell>
                <TableCell>Value</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={row.key}>
                  <TableCell className={classes.code}>{row.key}</TableCell>
                  <TableCell className={classes.code}>
                    {row.secret ? SECRET_MASK : row.value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The variables of an environment: those set at environment scope and per
 * service (secrets masked, aliases with their target), and the built-ins.
 */
export function VariablesCard(props: { environment: ApiEnvironment }) {
  const { environment } = props;
  const { rows, problem } = useMemo(
    () => variableRows(environment),
    [environment],
  );
  return (
    <InfoCard titleTypographyProps={{ component: 'h2' }} title="Variables">
      {problem && (
        <Box mb={2}>
          <Alert severity="warning">{problem}</Alert>
        </Box>
      )}
      <UserVariables rows={rows} />
      <Box mt={2}>
        <BuiltinVariables environment={environment} />
      </Box>
    </InfoCard>
  );
}
