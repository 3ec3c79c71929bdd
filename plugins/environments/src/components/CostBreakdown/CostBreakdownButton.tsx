import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Link from '@material-ui/core/Link';
import { useState } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { CostBreakdownDialog } from './CostBreakdownDialog';

/**
 * A cost figure of one environment that opens how it was computed (the
 * breakdown of the same window).
 */
export function CostBreakdownButton(props: {
  name: string;
  /** The figure as shown, e.g. `USD 12.50`. */
  figure: string;
  from?: string;
  to?: string;
  /** What the figure is when not the total, e.g. `idle cost`, for its accessible name. */
  part?: string;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Link
        component="button"
        variant="inherit"
        underline="always"
        aria-label={
          props.part
            ? t('costBreakdown.openPart', {
                part: props.part,
                name: props.name,
                cost: props.figure,
              })
            : t('costBreakdown.open', {
                name: props.name,
                cost: props.figure,
              })
        }
        onClick={() => setOpen(true)}
      >
        {props.figure}
      </Link>
      {open && (
        <CostBreakdownDialog
          name={props.name}
          from={props.from}
          to={props.to}
          open={open}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
