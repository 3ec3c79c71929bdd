import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { PriceRates } from '@greenroom/plugin-environments-common';
import { formatRate } from './costFormat';

/** How a figure is recomputed from the rates. */
export const COST_FORMULA =
  'cost = running hours × (CPU cores × CPU rate + memory GB × memory rate) + storage GB-hours × storage rate + database hours × class rate';

/** The rates every figure comes from, as a table and the formula. */
export function CostRates(props: {
  rates: PriceRates;
  unpricedInstanceClasses?: string[];
}) {
  const { rates, unpricedInstanceClasses = [] } = props;
  const classes = Object.entries(rates.managedDatabaseHourly).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <Box width="100%">
      <Typography variant="body2" paragraph>
        Every figure is computed from these rates, in {rates.currency}:{' '}
        <code>{COST_FORMULA}</code>. Storage is charged while an environment is
        stopped too; idle cost is what running cost while nobody used the
        environment, and savings are what auto-stops avoided.
      </Typography>
      <Table size="small" aria-label="Rates">
        <TableHead>
          <TableRow>
            <TableCell>Rate</TableCell>
            <TableCell align="right">Price</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>Currency</TableCell>
            <TableCell align="right">{rates.currency}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>CPU core-hour</TableCell>
            <TableCell align="right">
              {formatRate(rates.cpuCoreHour, rates.currency)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Memory GB-hour</TableCell>
            <TableCell align="right">
              {formatRate(rates.memoryGbHour, rates.currency)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Storage GB-hour (also while stopped)</TableCell>
            <TableCell align="right">
              {formatRate(rates.storageGbHour, rates.currency)}
            </TableCell>
          </TableRow>
          {classes.map(([instanceClass, hourly]) => (
            <TableRow key={instanceClass}>
              <TableCell>Database {instanceClass} per hour</TableCell>
              <TableCell align="right">
                {formatRate(hourly, rates.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {unpricedInstanceClasses.length > 0 && (
        <Box mt={1}>
          <Typography variant="body2" color="error">
            No rate for {unpricedInstanceClasses.join(', ')}: priced at 0.
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
  defaultExpanded?: boolean;
}) {
  return (
    <Accordion defaultExpanded={props.defaultExpanded}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} id="cost-rates-header">
        <Typography variant="subtitle1">
          Rates ({props.rates.currency})
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <CostRates
          rates={props.rates}
          unpricedInstanceClasses={props.unpricedInstanceClasses}
        />
      </AccordionDetails>
    </Accordion>
  );
}
