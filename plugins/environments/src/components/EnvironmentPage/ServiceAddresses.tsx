import { CopyTextButton, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import type { ApiService } from '../../api';
import { formatUrl } from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    overflowWrap: 'anywhere',
  },
  internal: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
  },
}));

/**
 * Where a service answers: its public URLs as links that open in a new tab,
 * its in-cluster URLs as text to copy (a browser cannot open those).
 */
export function ServiceAddresses(props: { service: ApiService }) {
  const { observed, name } = props.service;
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const publicUrls = observed?.publicUrls ?? [];
  const internalUrls = observed?.internalUrls ?? [];
  if (publicUrls.length === 0 && internalUrls.length === 0) {
    return <>{t('common.none')}</>;
  }
  return (
    <>
      {publicUrls.length > 0 && (
        <ul
          className={classes.list}
          aria-label={t('serviceAddresses.publicLabel', { service: name })}
        >
          {publicUrls.map(url => (
            <li key={url} className={classes.item}>
              <Link to={url} target="_blank" rel="noopener noreferrer">
                {formatUrl(url)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {internalUrls.length > 0 && (
        <ul
          className={classes.list}
          aria-label={t('serviceAddresses.internalLabel', { service: name })}
        >
          {internalUrls.map(url => (
            <li key={url} className={`${classes.item} ${classes.internal}`}>
              <code>{url}</code>
              <CopyTextButton
                text={url}
                aria-label={t('serviceAddresses.copy', { url })}
                tooltipText={t('serviceAddresses.copied')}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
