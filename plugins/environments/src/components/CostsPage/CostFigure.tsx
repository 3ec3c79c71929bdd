import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    height: '100%',
  },
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
  },
  value: {
    fontSize: '1.6rem',
    fontWeight: 500,
    margin: theme.spacing(0.5, 0),
  },
}));

/** A headline figure: label, value and a caption; a named group for screen readers. */
export function CostFigure(props: {
  label: string;
  value: ReactNode;
  caption?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Paper
      className={classes.root}
      variant="outlined"
      role="group"
      aria-label={props.label}
    >
      <Typography variant="h2" className={classes.label}>
        {props.label}
      </Typography>
      <Typography className={classes.value} component="div">
        {props.value}
      </Typography>
      {props.caption && (
        <Typography variant="body2" color="textSecondary" component="div">
          {props.caption}
        </Typography>
      )}
    </Paper>
  );
}
