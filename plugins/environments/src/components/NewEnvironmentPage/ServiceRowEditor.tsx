import Box from '@material-ui/core/Box';
import Grid, { GridSize } from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  DATABASE_CHOICES,
  openWarnings,
  ServiceRow,
  ServiceRowErrors,
} from './formModel';

/** A text field of a service row: its problem, else its help, below it. */
function RowField(props: {
  /** Columns of twelve it takes on wide screens. */
  width: GridSize;
  id: string;
  label: string;
  placeholder?: string;
  value: string;
  error?: string;
  help?: string;
  onChange: (value: string) => void;
}) {
  return (
    <Grid item xs={12} md={props.width}>
      <TextField
        fullWidth
        size="small"
        variant="outlined"
        id={props.id}
        label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        error={Boolean(props.error)}
        helperText={props.error ?? props.help}
        onChange={event => props.onChange(event.target.value)}
      />
    </Grid>
  );
}

/** One service of the form: name, and for Components image and ports. */
export function ServiceRowEditor(props: {
  row: ServiceRow;
  errors: ServiceRowErrors;
  /** What the backend said about this service, if anything. */
  serverError?: string;
  onChange: (row: ServiceRow) => void;
  onRemove: () => void;
}) {
  const { row, errors, serverError, onChange, onRemove } = props;
  const warnings = openWarnings(row);
  const idPrefix = `service-${row.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const kind =
    row.source === 'component'
      ? `${row.base.kind} from Component ${row.label}`
      : `${DATABASE_CHOICES[row.engine].label} ${
          DATABASE_CHOICES[row.engine].version
        } database (container)`;

  return (
    <Paper variant="outlined" role="group" aria-label={`Service ${row.name}`}>
      <Box p={2}>
        <Box display="flex" alignItems="center" mb={1}>
          <Box flexGrow={1}>
            <Typography variant="body2" color="textSecondary">
              {kind}
            </Typography>
          </Box>
          <IconButton
            size="small"
            aria-label={`Remove ${row.name}`}
            onClick={onRemove}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
        <Grid container spacing={2}>
          <RowField
            width={4}
            id={`${idPrefix}-name`}
            label="Service name"
            value={row.name}
            error={errors.name}
            onChange={name => onChange({ ...row, name })}
          />
          {row.source === 'component' && (
            <>
              <RowField
                width={5}
                id={`${idPrefix}-image`}
                label="Image"
                placeholder="ghcr.io/acme/app:1.0.0"
                value={row.imageText}
                error={errors.image}
                help="repository:tag"
                onChange={imageText => onChange({ ...row, imageText })}
              />
              <RowField
                width={3}
                id={`${idPrefix}-ports`}
                label="Ports"
                placeholder="8080 or 80,9090"
                value={row.portsText}
                error={errors.ports}
                help="The first one is public"
                onChange={portsText => onChange({ ...row, portsText })}
              />
            </>
          )}
        </Grid>
        {warnings.length > 0 && (
          <Box mt={1}>
            <Alert severity="warning">
              From the Component's annotations, still missing:
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {warnings.map(warning => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {serverError && (
          <Box mt={1}>
            <Alert severity="error">{serverError}</Alert>
          </Box>
        )}
      </Box>
    </Paper>
  );
}
