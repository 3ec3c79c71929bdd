import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { environmentRouteRef } from '../../routes';

/** Another environment's name, linking to its page where that page is mounted. */
export function EnvironmentLink(props: { name: string }) {
  const { name } = props;
  const environmentLink = useRouteRef(environmentRouteRef);
  return environmentLink ? (
    <Link to={environmentLink({ name })}>{name}</Link>
  ) : (
    <>{name}</>
  );
}

/** Several environments' names, linked and separated by commas. */
export function EnvironmentLinks(props: { names: ReadonlyArray<string> }) {
  return (
    <>
      {props.names.map((name, index) => (
        <span key={name}>
          {index > 0 && ', '}
          <EnvironmentLink name={name} />
        </span>
      ))}
    </>
  );
}
