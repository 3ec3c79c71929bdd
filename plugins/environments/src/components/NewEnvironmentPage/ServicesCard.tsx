import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { Dispatch, useMemo } from 'react';
import { environmentsTranslationRef } from '../../translation';
import {
  DATABASE_CHOICES,
  DatabaseChoice,
  ServiceRowErrors,
} from './formModel';
import { NewEnvironmentAction, NewEnvironmentState } from './formState';
import { ServiceRowEditor } from './ServiceRowEditor';
import { systemOf } from './useCatalogChoices';

function componentLabel(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/**
 * The "Services" card of the form: Components picked from the catalog (of
 * the chosen system), databases, and one editor per service.
 */
export function ServicesCard(props: {
  state: NewEnvironmentState;
  dispatch: Dispatch<NewEnvironmentAction>;
  /** Every Component of the catalog. */
  components: Entity[];
  /** The problems of each row, in the order of the rows. */
  rowErrors: ServiceRowErrors[];
  /** What the backend said about a field, if anything. */
  fieldError: (path: string) => string | undefined;
}) {
  const { state, dispatch, components, rowErrors, fieldError } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { system, rows } = state;
  const offered = useMemo(
    () =>
      system
        ? components.filter(entity => systemOf(entity) === system)
        : components,
    [components, system],
  );
  const picked = rows.flatMap(row =>
    row.source === 'component'
      ? components.filter(e => stringifyEntityRef(e) === row.id)
      : [],
  );

  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title={t('newEnvironmentPage.servicesCard')}
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('servicesCard.description', {
          annotations: <code>greenroom.dev/*</code>,
        })}
      </Typography>
      <Autocomplete<Entity, true, false, false>
        multiple
        id="new-environment-components"
        options={offered}
        value={picked}
        getOptionLabel={componentLabel}
        getOptionSelected={(option, value) =>
          stringifyEntityRef(option) === stringifyEntityRef(value)
        }
        onChange={(_event, entities) =>
          dispatch({ type: 'pickComponents', entities })
        }
        filterSelectedOptions
        noOptionsText={
          system
            ? t('servicesCard.noMoreComponentsInSystem')
            : t('servicesCard.noMoreComponents')
        }
        renderOption={entity => (
          <Box>
            <Typography variant="body2">{componentLabel(entity)}</Typography>
            <Typography variant="caption" color="textSecondary">
              {stringifyEntityRef(entity)}
            </Typography>
          </Box>
        )}
        renderInput={params => (
          <TextField
            {...params}
            variant="outlined"
            size="small"
            label={t('servicesCard.components')}
            placeholder={
              system
                ? t('servicesCard.componentsOfSystem')
                : t('servicesCard.anyComponent')
            }
          />
        )}
      />
      <Box mt={2} display="flex" style={{ gap: 8 }} flexWrap="wrap">
        {(Object.keys(DATABASE_CHOICES) as DatabaseChoice[]).map(engine => (
          <Button
            key={engine}
            variant="outlined"
            size="small"
            startIcon={<AddIcon />}
            onClick={() => dispatch({ type: 'addDatabase', engine })}
          >
            {t('servicesCard.addDatabase', {
              engine: DATABASE_CHOICES[engine].label,
            })}
          </Button>
        ))}
      </Box>
      <Box mt={2} display="flex" flexDirection="column" style={{ gap: 16 }}>
        {rows.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('newEnvironmentPage.noServices')}
          </Typography>
        )}
        {rows.map((row, index) => (
          <ServiceRowEditor
            key={row.id}
            row={row}
            errors={rowErrors[index]}
            serverError={
              // By index from the schema, by name from the limits
              // (e.g. `services.web.customDomains[0]`).
              fieldError(`services[${index}]`) ??
              fieldError(`services.${row.name}`)
            }
            onChange={changed => dispatch({ type: 'changeRow', row: changed })}
            onRemove={() => dispatch({ type: 'removeRow', id: row.id })}
          />
        ))}
      </Box>
    </InfoCard>
  );
}
