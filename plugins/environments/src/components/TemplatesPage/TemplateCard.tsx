import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ServiceTemplateSummary } from '../../api';
import { templateRouteRef } from '../../routes';
import { LifecycleChip } from '../TemplateChips';

const useStyles = makeStyles(
  theme => ({
    card: {
      display: 'flex',
      flexDirection: 'column',
      height: '100%',
    },
    content: {
      flexGrow: 1,
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
    },
    heading: {
      display: 'flex',
      justifyContent: 'space-between',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
    },
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
    },
    description: {
      display: '-webkit-box',
      WebkitLineClamp: 3,
      WebkitBoxOrient: 'vertical',
      overflow: 'hidden',
    },
    facts: {
      display: 'grid',
      gridTemplateColumns: 'auto 1fr',
      columnGap: theme.spacing(1),
      rowGap: theme.spacing(0.5),
      margin: 0,
      '& dt': {
        color: theme.palette.text.secondary,
      },
      '& dd': {
        margin: 0,
      },
    },
    actions: {
      justifyContent: 'flex-end',
    },
  }),
  { name: 'GreenroomTemplateCard' },
);

function usageText(count: number): string {
  if (count === 0) {
    return 'not used yet';
  }
  return count === 1 ? '1 service' : `${count} services`;
}

/**
 * One template of the catalog, in the style of the scaffolder's template
 * cards: title, lifecycle, type and engine, description, owner, tags, how
 * many services use it, and a link to its page.
 */
export function TemplateCard(props: { template: ServiceTemplateSummary }) {
  const { template } = props;
  const classes = useStyles();
  const templateLink = useRouteRef(templateRouteRef);
  return (
    <Card
      className={classes.card}
      data-testid={`template-card-${template.ref}`}
      component="article"
      aria-label={template.title}
    >
      <CardContent className={classes.content}>
        <div className={classes.heading}>
          <Typography variant="h6" component="h2">
            {template.title}
          </Typography>
          <LifecycleChip lifecycle={template.lifecycle} />
        </div>
        <div className={classes.chips} data-testid="template-facets">
          <Chip size="small" label={template.type} />
          {template.engine && (
            <Chip size="small" variant="outlined" label={template.engine} />
          )}
          <Chip
            size="small"
            variant="outlined"
            label={`v${template.version}`}
          />
        </div>
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.description}
        >
          {template.description || 'No description.'}
        </Typography>
        <Box flexGrow={1} />
        <dl className={classes.facts}>
          <Typography variant="body2" component="dt">
            Owner
          </Typography>
          <Typography variant="body2" component="dd">
            <EntityRefLink entityRef={template.owner} defaultKind="group" />
          </Typography>
          <Typography variant="body2" component="dt">
            Used by
          </Typography>
          <Typography variant="body2" component="dd">
            {usageText(template.usageCount)}
          </Typography>
        </dl>
        {template.tags.length > 0 && (
          <div className={classes.chips} data-testid="template-tags">
            {template.tags.map(tag => (
              <Chip key={tag} size="small" variant="outlined" label={tag} />
            ))}
          </div>
        )}
      </CardContent>
      <Divider />
      <CardActions className={classes.actions}>
        {templateLink && (
          <LinkButton
            color="primary"
            to={templateLink({
              namespace: template.namespace,
              name: template.name,
            })}
            aria-label={`Details of ${template.title}`}
          >
            Details
          </LinkButton>
        )}
      </CardActions>
    </Card>
  );
}
