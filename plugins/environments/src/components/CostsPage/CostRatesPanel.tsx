import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { PriceRates } from '@greenroom/plugin-environments-common';
import { environmentsTranslationRef } from '../../translation';
import { SmallTable } from '../SmallTable';
import { formatRate } from './costFormat';

function RateRow(props: { label: string; value: string }) {
  return (
    <TableRow>
      <TableCell>{props.label}</TableCell>
      <TableCell align="right">{props.value}</TableCell>
    </TableRow>
  );
}

const KNOWN_SOURCES = [
  'estimate',
  'aws-price-file',
  'opencost',
  'kubecost',
] as const;

/** `estimate+opencost` → readable names; a price module's own name as it is. */
function useSourceText() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (source: string) =>
    source
      .split('+')
      .map(name =>
        (KNOWN_SOURCES as readonly string[]).includes(name)
          ? t(`costRates.sourceNames.${name as (typeof KNOWN_SOURCES)[number]}`)
          : name,
      )
      .join(', ');
}

/** The rates every figure comes from, as a table and the formula. */
export function CostRates(props: {
  rates: PriceRates;
  unpricedInstanceClasses?: string[];
  /** Where the figures come from, as the report says (`estimate+opencost`). */
  source?: string;
  /** Days a cluster cost source failed for (they hold the estimate). */
  sourceFallbackDays?: string[];
}) {
  const { rates, unpricedInstanceClasses = [], source } = props;
  const { sourceFallbackDays = [] } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const sourceText = useSourceText();
  const { currency } = rates;
  const fromCluster =
    source !== undefined && /(^|\+)(opencost|kubecost)(\+|$)/.test(source);
  const classes = Object.entries(rates.managedDatabaseHourly).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <Box width="100%">
      {source !== undefined && (
        <Typography variant="body2" paragraph>
          {t('costRates.source', { sources: sourceText(source) })}
          {fromCluster && <> {t('costRates.sourceExplained')}</>}
        </Typography>
      )}
      {sourceFallbackDays.length > 0 && (
        <Typography variant="body2" color="error" paragraph>
          {t('costRates.fallback', { days: sourceFallbackDays.join(', ') })}
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        {t('costRates.intro', {
          currency,
          formula: <code>{t('costRates.formula')}</code>,
        })}
      </Typography>
      <SmallTable
        label={t('costRates.label')}
        columns={[
          t('costRates.rate'),
          { title: t('costRates.price'), align: 'right' },
        ]}
      >
        <RateRow label={t('costRates.currency')} value={currency} />
        <RateRow
          label={t('costRates.cpuCoreHour')}
          value={formatRate(rates.cpuCoreHour, currency)}
        />
        <RateRow
          label={t('costRates.memoryGbHour')}
          value={formatRate(rates.memoryGbHour, currency)}
        />
        <RateRow
          label={t('costRates.storageGbHour')}
          value={formatRate(rates.storageGbHour, currency)}
        />
        {classes.map(([instanceClass, hourly]) => (
          <RateRow
            key={instanceClass}
            label={t('costRates.databaseClassHour', { instanceClass })}
            value={formatRate(hourly, currency)}
          />
        ))}
      </SmallTable>
      {unpricedInstanceClasses.length > 0 && (
        <Box mt={1}>
          <Typography variant="body2" color="error">
            {t('costRates.unpriced', {
              classes: unpricedInstanceClasses.join(', '),
            })}
          </Typography>
        </Box>
      )}
    </Box>
  );
}

/** {@link CostRates} in an expandable panel, closed at first. */
export function CostRatesPanel(props: {
  rates: PriceRates;
  unpricedInstanceClasses?: string[];
  source?: string;
  sourceFallbackDays?: string[];
  defaultExpanded?: boolean;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const sourceText = useSourceText();
  return (
    <Accordion defaultExpanded={props.defaultExpanded}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} id="cost-rates-header">
        <Box>
          <Typography variant="subtitle1">
            {t('costRates.title', { currency: props.rates.currency })}
          </Typography>
          {/* Visible while closed: which figures are the cluster's own. */}
          {props.source !== undefined && (
            <Typography variant="body2" color="textSecondary">
              {t('costRates.source', { sources: sourceText(props.source) })}
            </Typography>
          )}
        </Box>
      </AccordionSummary>
      <AccordionDetails>
        <CostRates
          rates={props.rates}
          unpricedInstanceClasses={props.unpricedInstanceClasses}
          source={props.source}
          sourceFallbackDays={props.sourceFallbackDays}
        />
      </AccordionDetails>
    </Accordion>
  );
}
