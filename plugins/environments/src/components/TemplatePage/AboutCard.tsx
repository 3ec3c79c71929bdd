import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type { ServiceTemplateDetails } from '../../api';
import { environmentsTranslationRef } from '../../translation';

/** A template's description, owner, type, tags and links. */
export function AboutCard(props: { details: ServiceTemplateDetails }) {
  const { template } = props.details;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <InfoCard title={t('templateAbout.title')}>
      <Typography variant="body1" paragraph>
        {template.description || t('templateAbout.noDescription')}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={6}>
          <Typography variant="caption" color="textSecondary">
            {t('templateAbout.owner')}
          </Typography>
          <Typography variant="body2" component="div">
            <EntityRefLink entityRef={template.owner} defaultKind="group" />
          </Typography>
        </Grid>
        <Grid item xs={6}>
          <Typography variant="caption" color="textSecondary">
            {t('templateAbout.type')}
          </Typography>
          <Typography variant="body2" component="div">
            {template.type}
            {template.engine ? ` · ${template.engine}` : ''}
          </Typography>
        </Grid>
        {template.tags.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="caption" color="textSecondary">
              {t('templateAbout.tags')}
            </Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
              {template.tags.map(tag => (
                <Chip key={tag} size="small" variant="outlined" label={tag} />
              ))}
            </Box>
          </Grid>
        )}
        {template.links.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="caption" color="textSecondary">
              {t('templateAbout.links')}
            </Typography>
            <List dense disablePadding>
              {template.links.map(link => (
                <ListItem key={link.url} disableGutters>
                  <Link to={link.url}>{link.title ?? link.url}</Link>
                </ListItem>
              ))}
            </List>
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}
