import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { Dispatch } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { NewEnvironmentAction, NewEnvironmentState } from './formState';

/** The "Policy" card of the form: when to stop an idle environment, when to delete a preview. */
export function PolicyCard(props: {
  state: NewEnvironmentState;
  dispatch: Dispatch<NewEnvironmentAction>;
  /** The problem of each field, from the form or else the backend. */
  idleError?: string;
  ttlError?: string;
}) {
  const { state, dispatch, idleError, ttlError } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const production = state.mode === 'production';
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title={t('newEnvironmentPage.policyCard')}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <TextField
            id="new-environment-idle-after"
            fullWidth
            variant="outlined"
            size="small"
            label={t('policyCard.idleAfter')}
            placeholder={production ? t('policyCard.never') : '2h'}
            value={state.idleAfter}
            onChange={event =>
              dispatch({ type: 'idleAfter', value: event.target.value })
            }
            error={Boolean(idleError)}
            helperText={
              idleError ??
              (production
                ? t('policyCard.idleAfterProductionHelp')
                : t('policyCard.idleAfterHelp'))
            }
          />
        </Grid>
        {state.mode === 'preview' && (
          <Grid item xs={12} sm={6}>
            <TextField
              id="new-environment-ttl"
              fullWidth
              variant="outlined"
              size="small"
              label={t('policyCard.ttl')}
              placeholder="3d"
              value={state.ttl}
              onChange={event =>
                dispatch({ type: 'ttl', value: event.target.value })
              }
              error={Boolean(ttlError)}
              helperText={ttlError ?? t('policyCard.ttlHelp')}
            />
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}
