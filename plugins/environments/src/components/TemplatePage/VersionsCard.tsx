import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ServiceTemplateDetails } from '../../api';
import { formatRelativeTime } from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';
import { LifecycleChip } from '../TemplateChips';

/** The versions of a template the catalog has seen, the current one marked. */
export function VersionsCard(props: { details: ServiceTemplateDetails }) {
  const { versions, template } = props.details;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <InfoCard title={t('templateVersions.title', { count: versions.length })}>
      {versions.length === 0 ? (
        <Typography variant="body2">{t('templateVersions.none')}</Typography>
      ) : (
        <List dense disablePadding aria-label={t('templateVersions.label')}>
          {versions.map(version => (
            <ListItem key={version.version} disableGutters>
              <ListItemText
                primary={
                  <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                    <Typography variant="body2" component="code">
                      {version.version}
                    </Typography>
                    <LifecycleChip lifecycle={version.lifecycle} />
                    {version.version === template.version && (
                      <Chip
                        size="small"
                        label={t('templateVersions.current')}
                      />
                    )}
                  </Box>
                }
                secondary={t('templateVersions.firstSeen', {
                  when:
                    formatRelativeTime(version.firstSeenAt) ??
                    version.firstSeenAt,
                })}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
