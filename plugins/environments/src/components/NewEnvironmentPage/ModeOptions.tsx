import { usePermission } from '@backstage/plugin-permission-react';
import {
  ENVIRONMENT_MODES,
  environmentProductionPermission,
} from '@greenroom/plugin-environments-common';
import { Fragment } from 'react';

/** A dotted name that may wrap after its dots in a narrow field. */
function Dotted(props: { name: string }) {
  const parts = props.name.split('.');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** Under the Mode field of a user who may not create production environments. */
export const PRODUCTION_DENIED_HELP = (
  <>
    Production needs the <Dotted name={environmentProductionPermission.name} />{' '}
    permission
  </>
);

/**
 * Whether the signed-in user may create (or clone into) production
 * environments; `undefined` while that is being checked.
 */
export function useProductionAllowed(): boolean | undefined {
  const { loading, allowed } = usePermission({
    permission: environmentProductionPermission,
  });
  return loading ? undefined : allowed;
}

/**
 * The `<option>`s of a native Mode select. Production stays in the list,
 * disabled with the reason, for a user who may not create it (as the
 * environment page disables the actions a user may not take).
 */
export function ModeOptions(props: { productionAllowed: boolean | undefined }) {
  return (
    <>
      {ENVIRONMENT_MODES.map(mode => {
        const denied = mode === 'production' && !props.productionAllowed;
        return (
          <option key={mode} value={mode} disabled={denied}>
            {denied ? `${mode} (not permitted)` : mode}
          </option>
        );
      })}
    </>
  );
}
