import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { AttentionItem } from '@greenroom/plugin-environments-common';

/** `secret:STRIPE_KEY` → `Secret STRIPE_KEY`, `domain:x` → `Custom domain x`. */
export function describeAttentionItem(item: string): string {
  const separator = item.indexOf(':');
  if (separator === -1) {
    return item;
  }
  const type = item.slice(0, separator);
  const subject = item.slice(separator + 1);
  switch (type) {
    case 'secret':
      return `Secret ${subject}`;
    case 'domain':
      return `Custom domain ${subject}`;
    default:
      return `${type} ${subject}`;
  }
}

/**
 * What the user must look at, e.g. what a clone could not carry over
 * (secrets, custom domains) until it is entered again.
 */
export function AttentionBanner(props: { items: AttentionItem[] }) {
  const { items } = props;
  if (items.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" role="alert">
      <AlertTitle>
        This environment needs your attention ({items.length})
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {items.map(({ item, reason }) => (
          <li key={item}>
            <strong>{describeAttentionItem(item)}</strong>
            {reason ? `: ${reason}` : ''}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
