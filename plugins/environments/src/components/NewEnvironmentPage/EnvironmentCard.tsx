import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import { ChangeEvent, Dispatch } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { EntitySelect } from './EntitySelect';
import { NewEnvironmentAction, NewEnvironmentState } from './formState';
import { ModeOptions, PRODUCTION_DENIED_HELP } from './ModeOptions';
import { ownerHelp } from './owners';
import { EntityChoice } from './useCatalogChoices';

/** The "Environment" card of the form: name, title, mode, system, owner. */
export function EnvironmentCard(props: {
  state: NewEnvironmentState;
  dispatch: Dispatch<NewEnvironmentAction>;
  nameProblem?: { message: string; suggestion?: string };
  /** What the backend said about a field, if anything. */
  fieldError: (path: string) => string | undefined;
  systems: EntityChoice[];
  owners: EntityChoice[];
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { state, dispatch, nameProblem, fieldError, systems, owners } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { name, submitted } = state;
  const showNameProblem = nameProblem && (name !== '' || submitted);
  const required = (value: string) =>
    submitted && !value ? t('environmentCard.required') : undefined;

  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title={t('newEnvironmentPage.environmentCard')}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <TextField
            id="new-environment-name"
            required
            fullWidth
            variant="outlined"
            size="small"
            label={t('environmentCard.name')}
            value={name}
            onChange={event =>
              dispatch({ type: 'name', value: event.target.value })
            }
            error={Boolean(showNameProblem || fieldError('name'))}
            helperText={
              fieldError('name') ??
              (showNameProblem
                ? nameProblem.message
                : t('environmentCard.nameHelp'))
            }
            inputProps={{ autoComplete: 'off', spellCheck: false }}
          />
          {showNameProblem && nameProblem.suggestion && (
            <Typography variant="caption" component="div">
              {t('environmentCard.useSuggestion', {
                suggestion: (
                  <Link
                    component="button"
                    type="button"
                    variant="caption"
                    onClick={() =>
                      dispatch({ type: 'name', value: nameProblem.suggestion! })
                    }
                  >
                    {nameProblem.suggestion}
                  </Link>
                ),
              })}
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            id="new-environment-title"
            fullWidth
            variant="outlined"
            size="small"
            label={t('environmentCard.title')}
            placeholder={name || t('environmentCard.titlePlaceholder')}
            value={state.title}
            onChange={event =>
              dispatch({ type: 'title', value: event.target.value })
            }
            error={Boolean(fieldError('title'))}
            helperText={fieldError('title') ?? t('environmentCard.titleHelp')}
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            id="new-environment-mode"
            select
            required
            fullWidth
            variant="outlined"
            size="small"
            label={t('environmentCard.mode')}
            value={state.mode}
            onChange={(event: ChangeEvent<HTMLInputElement>) =>
              dispatch({
                type: 'mode',
                mode: event.target.value as EnvironmentMode,
              })
            }
            error={Boolean(fieldError('mode'))}
            helperText={
              fieldError('mode') ??
              (props.productionAllowed ? undefined : PRODUCTION_DENIED_HELP)
            }
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            <ModeOptions productionAllowed={props.productionAllowed} />
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <EntitySelect
            id="new-environment-system"
            label={t('environmentCard.system')}
            placeholder={t('environmentCard.chooseSystem')}
            value={state.system}
            choices={systems}
            error={fieldError('system') ?? required(state.system)}
            helperText={
              systems.length === 0 ? t('environmentCard.noSystems') : undefined
            }
            onChange={value => dispatch({ type: 'system', value })}
          />
        </Grid>
        <Grid item xs={12} sm={4}>
          <EntitySelect
            id="new-environment-owner"
            label={t('environmentCard.owner')}
            placeholder={t('environmentCard.chooseOwner')}
            value={state.owner}
            choices={owners}
            error={fieldError('owner') ?? required(state.owner)}
            helperText={ownerHelp(owners, props.isAdmin)}
            onChange={value => dispatch({ type: 'owner', value })}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
