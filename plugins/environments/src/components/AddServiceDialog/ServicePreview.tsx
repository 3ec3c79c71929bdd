import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Service } from '@greenroom/plugin-environments-common';
import type { ApiService } from '../../api';
import { SECRET_MASK } from '../../lib/variables';
import { environmentsTranslationRef } from '../../translation';
import {
  describeImage,
  describePorts,
  describeResources,
} from '../../lib/describeService';
import { SmallTable } from '../SmallTable';

const useStyles = makeStyles(
  theme => ({
    code: {
      fontFamily: 'monospace',
      overflowWrap: 'anywhere',
    },
    heading: {
      marginTop: theme.spacing(2),
    },
    label: {
      width: '30%',
      color: theme.palette.text.secondary,
      verticalAlign: 'top',
    },
  }),
  { name: 'GreenroomServicePreview' },
);

type AnyVariable = {
  key: string;
  kind: string;
  value?: string;
  aliasOf?: string;
  isSet?: boolean;
};

/** A variable's value as the preview shows it; a secret is always masked. */
function VariableValue(props: { variable: AnyVariable }) {
  const { variable } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  switch (variable.kind) {
    case 'secret':
      return (
        <>
          {variable.value || variable.isSet
            ? SECRET_MASK
            : t('servicePreview.secretNotSet')}
        </>
      );
    case 'alias':
      return <>→ {variable.aliasOf ?? '?'}</>;
    case 'builtin':
      return <>{variable.value ?? t('servicePreview.builtinComputed')}</>;
    default:
      return <>{variable.value ?? ''}</>;
  }
}

function Row(props: { label: string; children: React.ReactNode }) {
  const classes = useStyles();
  return (
    <TableRow>
      <TableCell component="th" scope="row" className={classes.label}>
        {props.label}
      </TableCell>
      <TableCell>{props.children}</TableCell>
    </TableRow>
  );
}

/**
 * The service a template renders, as the dry run answered it: image, ports,
 * resources, database and variables (secrets masked).
 */
export function ServicePreview(props: { service: Service }) {
  const { service } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  // The describe helpers read neither variables nor anything secret.
  const view: ApiService = { ...service, variables: [] };
  const variables = (service.variables ?? []) as AnyVariable[];
  const database = service.database;
  return (
    <div data-testid="service-preview">
      <Table
        size="small"
        aria-label={t('servicePreview.label', { name: service.name })}
      >
        <TableBody>
          <Row label={t('servicePreview.name')}>
            <span className={classes.code}>{service.name}</span>
          </Row>
          <Row label={t('servicePreview.kind')}>{service.kind}</Row>
          {service.template && (
            <Row label={t('servicePreview.template')}>
              <span className={classes.code}>
                {service.template.ref}@{service.template.version}
              </span>
            </Row>
          )}
          <Row label={t('servicePreview.image')}>
            <span className={classes.code}>
              {service.image
                ? describeImage({ ...view, database: undefined })
                : t('common.none')}
            </span>
          </Row>
          <Row label={t('servicePreview.ports')}>{describePorts(view)}</Row>
          <Row label={t('servicePreview.resources')}>
            {describeResources(view)}
          </Row>
          <Row label={t('servicePreview.replicas')}>{service.replicas}</Row>
          {database && (
            <Row label={t('servicePreview.database')}>
              {describeImage(view)}
              {database.storageGb ? `, ${database.storageGb} GB` : ''}
            </Row>
          )}
          {service.customDomains && service.customDomains.length > 0 && (
            <Row label={t('servicePreview.customDomains')}>
              {service.customDomains.join(', ')}
            </Row>
          )}
        </TableBody>
      </Table>
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        {t('servicePreview.variables', { count: variables.length })}
      </Typography>
      {variables.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('servicePreview.noVariables')}
        </Typography>
      ) : (
        <SmallTable
          label={t('variablesCard.title')}
          columns={[
            t('variablesCard.key'),
            t('variablesCard.kind'),
            t('variablesCard.value'),
          ]}
        >
          {variables.map(variable => (
            <TableRow
              key={variable.key}
              data-testid={`variable-${variable.key}`}
            >
              <TableCell className={classes.code}>{variable.key}</TableCell>
              <TableCell>{variable.kind}</TableCell>
              <TableCell className={classes.code}>
                <VariableValue variable={variable} />
              </TableCell>
            </TableRow>
          ))}
        </SmallTable>
      )}
    </div>
  );
}
