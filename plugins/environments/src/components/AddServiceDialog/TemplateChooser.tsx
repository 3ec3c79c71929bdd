import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef, ServiceTemplateSummary } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { LifecycleChip } from '../TemplateChips';

/** The first step when adding a service from an environment: pick a template. */
export function TemplateChooser(props: {
  onChoose: (template: ServiceTemplateSummary) => void;
}) {
  const { onChoose } = props;
  const environmentsApi = useApi(environmentsApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { value, loading, error } = useAsyncRetry(
    () => environmentsApi.listTemplates(),
    [environmentsApi],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const items = value?.items ?? [];
  if (items.length === 0) {
    return (
      <Typography variant="body2">{t('templateChooser.empty')}</Typography>
    );
  }
  return (
    <List aria-label={t('templateChooser.label')} dense>
      {items.map(template => (
        <ListItem
          key={template.ref}
          button
          onClick={() => onChoose(template)}
          aria-label={`${template.title} ${template.version}`}
        >
          <ListItemText
            primary={
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <span>{template.title}</span>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {template.type}
                  {template.engine ? ` · ${template.engine}` : ''} · v
                  {template.version}
                </Typography>
                {template.lifecycle !== 'production' && (
                  <LifecycleChip lifecycle={template.lifecycle} />
                )}
              </Box>
            }
            secondary={template.description}
          />
        </ListItem>
      ))}
    </List>
  );
}
