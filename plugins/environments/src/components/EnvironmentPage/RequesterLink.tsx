import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * Who asked for something: a link to the user's catalog page, or the text
 * as it is for service principals such as `service:scaffolder`.
 */
export function RequesterLink(props: { requester: string }) {
  const { requester } = props;
  try {
    const ref = parseEntityRef(requester);
    if (ref.kind.toLocaleLowerCase('en-US') === 'user') {
      return <EntityRefLink entityRef={ref} defaultKind="user" />;
    }
  } catch {
    // not an entity ref: show it as it is
  }
  return <>{requester}</>;
}
