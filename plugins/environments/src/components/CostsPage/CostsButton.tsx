import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { costReadPermission } from '@greenroom/plugin-environments-common';
import MonetizationOnOutlinedIcon from '@material-ui/icons/MonetizationOnOutlined';
import { costsRouteRef } from '../../routes';

/** The "Costs" button of the environment list, for those who may read cost. */
export function CostsButton() {
  const costsLink = useRouteRef(costsRouteRef);
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
      Costs
    </LinkButton>
  );
}
