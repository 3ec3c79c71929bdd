import { LinkButton } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { costReadPermission } from '@greenroom/plugin-environments-common';
import MonetizationOnOutlinedIcon from '@material-ui/icons/MonetizationOnOutlined';
import { environmentsTranslationRef } from '../../translation';
import { costsRouteRef } from '../../routes';

/** The "Costs" button of the environment list, for those who may read cost. */
export function CostsButton() {
  const costsLink = useRouteRef(costsRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { allowed } = usePermission({ permission: costReadPermission });
  if (!allowed || !costsLink) {
    return null;
  }
  return (
    <LinkButton
      variant="outlined"
      color="primary"
      to={costsLink()}
      startIcon={<MonetizationOnOutlinedIcon />}
    >
      {t('environmentsPage.costsButton')}
    </LinkButton>
  );
}
