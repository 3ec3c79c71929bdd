import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Alert from '@material-ui/lab/Alert';
import { environmentUpdatePermission } from '@greenroom/plugin-environments-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
  TemplateUpgradeInfo,
} from '../../api';
import { UpgradeServiceDialog } from './UpgradeServiceDialog';

function templateName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * `orders-db uses postgresql 1.2.0, which is deprecated; 2.0.0 is available`.
 */
export function describeTemplateUpgrade(info: TemplateUpgradeInfo): string {
  const uses = `${info.service} uses ${templateName(info.template)} ${
    info.version
  }`;
  const latest =
    info.latest && info.latest !== info.version
      ? `${info.latest} is available`
      : undefined;
  if (info.status === 'deprecated') {
    return `${uses}, which is deprecated; ${
      latest ?? 'no newer version is available yet'
    }`;
  }
  return latest ? `${uses}; ${latest}` : uses;
}

/**
 * A notice for each service whose template version is outdated or
 * deprecated, with an "Upgrade" button that opens the upgrade dialog. Shows
 * nothing when every service is current (or the list cannot be loaded: the
 * rest of the page does not depend on it).
 */
export function TemplateUpgradeNotices(props: {
  environment: ApiEnvironment;
  /** Called with the backend's answer once an upgrade was accepted. */
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, onAccepted } = props;
  const environmentsApi = useApi(environmentsApiRef);
  const [upgrading, setUpgrading] = useState<string>();
  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment.name,
  });
  const { value } = useAsyncRetry(
    () => environmentsApi.listTemplateUpgrades(environment.name),
    // Look again whenever the environment's spec changed (e.g. upgraded).
    [environmentsApi, environment.name, environment.revision],
  );

  const notices = (value?.items ?? []).filter(
    item => item.status === 'outdated' || item.status === 'deprecated',
  );
  if (notices.length === 0) {
    return null;
  }

  let reason: string | undefined;
  if (update.loading) {
    reason = 'Checking your permissions…';
  } else if (!update.allowed) {
    reason = 'You are not allowed to change this environment';
  }

  return (
    <Box display="grid" style={{ gap: 8 }} mb={2}>
      {notices.map(item => {
        const canUpgrade = Boolean(item.latest && item.latest !== item.version);
        const button = (
          <Button
            color="inherit"
            size="small"
            variant="outlined"
            disabled={Boolean(reason)}
            onClick={() => setUpgrading(item.service)}
            aria-label={`Upgrade ${item.service}`}
          >
            Upgrade
          </Button>
        );
        let action = null;
        if (canUpgrade) {
          action = reason ? (
            <Tooltip title={reason}>
              <span data-testid={`upgrade-${item.service}-disabled`}>
                {button}
              </span>
            </Tooltip>
          ) : (
            button
          );
        }
        return (
          <Alert
            key={item.service}
            severity={item.status === 'deprecated' ? 'warning' : 'info'}
            data-testid={`template-upgrade-${item.service}`}
            action={action}
          >
            {describeTemplateUpgrade(item)}
          </Alert>
        );
      })}
      <UpgradeServiceDialog
        environment={environment.name}
        service={upgrading}
        onClose={() => setUpgrading(undefined)}
        onAccepted={onAccepted}
      />
    </Box>
  );
}
