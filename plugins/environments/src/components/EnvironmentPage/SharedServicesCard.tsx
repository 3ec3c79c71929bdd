import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  BASE_DOWN_ITEM,
  serviceHost,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { StatusLabel } from '../EnvironmentChips';
import { SmallTable } from '../SmallTable';
import { EnvironmentLink } from './EnvironmentLink';

type SharedService = NonNullable<ApiEnvironment['sharing']>['services'][number];

/** `orders-api-staging:8080`, or the host alone when it has no ports. */
function address(service: SharedService, base: string): string {
  const host = serviceHost(service.name, base);
  return service.ports.length === 0
    ? host
    : service.ports.map(({ port }) => `${host}:${port}`).join(', ');
}

/**
 * For an environment that shares a base: the base's services it reaches
 * there instead of deploying them, how the base is, and a warning when the
 * base does not serve them.
 */
export function SharedServicesCard(props: { environment: ApiEnvironment }) {
  const { baseline, sharing, attention } = props.environment;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (!baseline || !sharing) {
    return null;
  }
  const base = baseline.environment;
  const baseLink = <EnvironmentLink name={base} />;
  // The backend says when the base does not serve what it shares.
  const down = attention.some(a => a.item === `${BASE_DOWN_ITEM}:${base}`);
  const { services } = sharing;

  if (!sharing.base) {
    return (
      <InfoCard
        titleTypographyProps={{ component: 'h2' }}
        title={t('sharedServicesCard.titleBaseGone', { base })}
      >
        <Alert severity="error">
          {t('sharedServicesCard.baseDestroyed', { base })}
        </Alert>
      </InfoCard>
    );
  }

  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title={
        <span data-testid="shared-services-title">
          {t('sharedServicesCard.title', {
            count: services.length,
            base: baseLink,
          })}
        </span>
      }
      subheader={t(
        baseline.databases === 'share'
          ? 'sharedServicesCard.descriptionSharedDatabases'
          : 'sharedServicesCard.description',
        { base },
      )}
    >
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <Typography variant="body2" component="span">
          {t('sharedServicesCard.baseStatus', { base: baseLink })}
        </Typography>
        <StatusLabel status={sharing.base.status} />
      </Box>
      {down && (
        <Box mb={1}>
          <Alert severity="warning">
            {t('sharedServicesCard.baseDown', {
              base,
              status: sharing.base.status,
            })}
          </Alert>
        </Box>
      )}
      <SmallTable
        label={t('sharedServicesCard.label', { base })}
        columns={[
          t('sharedServicesCard.service'),
          t('sharedServicesCard.kind'),
          t('sharedServicesCard.reachedAt'),
        ]}
      >
        {services.map(service => (
          <TableRow key={service.name}>
            <TableCell>{service.name}</TableCell>
            <TableCell>{service.database?.engine ?? service.kind}</TableCell>
            <TableCell>
              <code>{address(service, base)}</code>
            </TableCell>
          </TableRow>
        ))}
      </SmallTable>
    </InfoCard>
  );
}
