import { environmentsTranslationRef } from '../../translation';
import { EmptyState } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';

/** A filtered list that came back empty, with the way out. */
export function NoMatches(props: { title: string; onClear: () => void }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <EmptyState
      missing="data"
      title={props.title}
      description={t('common.noMatchesDescription')}
      action={
        <Button variant="outlined" color="primary" onClick={props.onClear}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  );
}
