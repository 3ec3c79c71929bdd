import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Service } from '@greenroom/plugin-environments-common';
import type { ApiService } from '../../api';
import {
  describeImage,
  describePorts,
  describeResources,
} from '../EnvironmentPage/ServicesTable';

/** What a secret shows instead of its value. */
export const MASKED = '••••••••';

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
export function describeVariableValue(variable: AnyVariable): string {
  switch (variable.kind) {
    case 'secret':
      return variable.value || variable.isSet ? MASKED : 'not set yet';
    case 'alias':
      return `→ ${variable.aliasOf ?? '?'}`;
    case 'builtin':
      return variable.value ?? 'computed';
    default:
      return variable.value ?? '';
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
  // The describe helpers read neither variables nor anything secret.
  const view: ApiService = { ...service, variables: [] };
  const variables = (service.variables ?? []) as AnyVariable[];
  const database = service.database;
  return (
    <div data-testid="service-preview">
      <Table size="small" aria-label={`Service ${service.name}`}>
        <TableBody>
          <Row label="Name">
            <span className={classes.code}>{service.name}</span>
          </Row>
          <Row label="Kind">{service.kind}</Row>
          {service.template && (
            <Row label="Template">
              <span className={classes.code}>
                {service.template.ref}@{service.template.version}
              </span>
            </Row>
          )}
          <Row label="Image">
            <span className={classes.code}>
              {service.image
                ? describeImage({ ...view, database: undefined })
                : '—'}
            </span>
          </Row>
          <Row label="Ports">{describePorts(view)}</Row>
          <Row label="Resources">{describeResources(view)}</Row>
          <Row label="Replicas">{service.replicas}</Row>
          {database && (
            <Row label="Database">
              {describeImage(view)}
              {database.storageGb ? `, ${database.storageGb} GB` : ''}
            </Row>
          )}
          {service.customDomains && service.customDomains.length > 0 && (
            <Row label="Custom domains">{service.customDomains.join(', ')}</Row>
          )}
        </TableBody>
      </Table>
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Variables ({variables.length})
      </Typography>
      {variables.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None, besides the built-in ones (GR_…) every service gets.
        </Typography>
      ) : (
        <Table size="small" aria-label="Variables">
          <TableHead>
            <TableRow>
              <TableCell>Key</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Value</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {variables.map(variable => (
              <TableRow
                key={variable.key}
                data-testid={`variable-${variable.key}`}
              >
                <TableCell className={classes.code}>{variable.key}</TableCell>
                <TableCell>{variable.kind}</TableCell>
                <TableCell className={classes.code}>
                  {describeVariableValue(variable)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
