import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { DataSeed } from '@greenroom/plugin-environments-common';
import { seedExcerpt } from '../../lib/dataPlan';
import { environmentsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  sql: {
    margin: theme.spacing(0.5, 0, 0, 0),
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'pre-wrap',
  },
}));

/** What a seed runs: the first lines of its SQL, or its image and command. */
export function DataSeedView(props: { seed: DataSeed }) {
  const { seed } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const classes = useStyles();
  if ('sql' in seed) {
    const { lines, more } = seedExcerpt(seed.sql);
    return (
      <>
        <Typography variant="body2">{t('clonePlan.seedSql')}</Typography>
        <pre className={classes.sql}>{lines.join('\n')}</pre>
        {more > 0 && (
          <Typography variant="caption" color="textSecondary">
            {t('clonePlan.seedMoreLines', { count: more })}
          </Typography>
        )}
      </>
    );
  }
  return (
    <Typography variant="body2">
      {t('clonePlan.seedImage', { image: seed.image })}
      {seed.command &&
        ` ${t('clonePlan.seedCommand', { command: seed.command.join(' ') })}`}
    </Typography>
  );
}
