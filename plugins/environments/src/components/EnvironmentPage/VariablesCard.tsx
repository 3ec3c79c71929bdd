import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
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
import { environmentsTranslationRef } from '../../translation';
import { SmallTable } from '../SmallTable';

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
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <span>
      <span
        aria-label={t('variablesCard.secretHidden')}
        className={classes.code}
      >
        {SECRET_MASK}
      </span>
      <Chip
        size="small"
        variant="outlined"
        label={
          props.isSet
            ? t('variablesCard.secretSet')
            : t('variablesCard.secretNotSet')
        }
        className={classes.chip}
      />
    </span>
  );
}

function VariableValue(props: { row: VariableRow }) {
  const { row } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  switch (row.kind) {
    case 'secret':
      return <MaskedSecret isSet={row.isSet} />;
    case 'alias':
      return (
        <>
          <Tooltip
            title={t('variablesCard.aliasOf', {
              key: row.key,
              target: row.aliasOf,
            })}
          >
            <span className={classes.code}>
              {row.key} → {row.aliasOf}
            </span>
          </Tooltip>
          {row.resolvesToSecret && (
            <Typography variant="caption" component="div" color="textSecondary">
              {t('variablesCard.aliasOfSecret', { mask: SECRET_MASK })}
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
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (props.rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('variablesCard.noVariables')}
      </Typography>
    );
  }
  return (
    <SmallTable
      label={t('variablesCard.title')}
      columns={[
        t('variablesCard.scope'),
        t('variablesCard.key'),
        t('variablesCard.kind'),
        t('variablesCard.value'),
      ]}
    >
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
    </SmallTable>
  );
}

function BuiltinVariables(props: { environment: ApiEnvironment }) {
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const rows = useMemo(
    () => builtinRows(props.environment),
    [props.environment],
  );
  const title = t('variablesCard.builtinTitle', { count: rows.length });
  return (
    <Accordion>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="builtin-variables-content"
        id="builtin-variables-header"
      >
        <Typography variant="subtitle2">{title}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <Typography variant="body2" color="textSecondary" paragraph>
            {t('variablesCard.builtinDescription')}
          </Typography>
          <SmallTable
            label={t('variablesCard.builtinLabel')}
            columns={[t('variablesCard.key'), t('variablesCard.value')]}
          >
            {rows.map(row => (
              <TableRow key={row.key}>
                <TableCell className={classes.code}>{row.key}</TableCell>
                <TableCell className={classes.code}>
                  {row.secret ? SECRET_MASK : row.value}
                </TableCell>
              </TableRow>
            ))}
          </SmallTable>
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
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { rows, problem } = useMemo(
    () => variableRows(environment),
    [environment],
  );
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title={t('variablesCard.title')}
    >
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
