import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

/**
 * A button that explains itself when disabled: the tooltip sits on a
 * wrapper (test id `<id>-disabled`), since a disabled button gets no
 * pointer events.
 */
export function ActionButton(props: {
  id: string;
  label: string;
  icon: ReactElement;
  disabledReason?: string;
  onClick: () => void;
  className?: string;
}) {
  const { id, label, icon, disabledReason, onClick, className } = props;
  const button = (
    <Button
      variant="outlined"
      startIcon={icon}
      disabled={Boolean(disabledReason)}
      onClick={onClick}
      className={disabledReason ? undefined : className}
    >
      {label}
    </Button>
  );
  if (!disabledReason) {
    return button;
  }
  return (
    <Tooltip title={disabledReason}>
      <span data-testid={`${id}-disabled`}>{button}</span>
    </Tooltip>
  );
}
