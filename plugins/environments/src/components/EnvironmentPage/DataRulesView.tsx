import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ColumnRule,
  DataRules,
} from '@greenroom/plugin-environments-common';
import { dataRuleRows } from '../../lib/dataPlan';
import { environmentsTranslationRef } from '../../translation';
import { OutlinedChip } from '../OutlinedChip';
import { SmallTable } from '../SmallTable';

/**
 * The rules a copy applies: what each column becomes (sensitive columns
 * marked, those without a rule too), then which rows of which tables.
 */
export function DataRulesView(props: { service: string; rules: DataRules }) {
  const { service, rules } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const rows = dataRuleRows(rules);
  const describe = (rule: ColumnRule) =>
    rule.transform === 'fixed'
      ? t('clonePlan.transforms.fixed', { value: rule.value ?? '' })
      : t(`clonePlan.transforms.${rule.transform}`);
  return (
    <>
      {rows.length > 0 && (
        <SmallTable
          label={t('clonePlan.rules', { service })}
          columns={[t('clonePlan.column'), t('clonePlan.transform')]}
        >
          {rows.map(row => (
            <TableRow key={row.column}>
              <TableCell>
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  <code>{row.column}</code>
                  {row.sensitive && (
                    <OutlinedChip
                      label={t('clonePlan.sensitive')}
                      tone={row.rule ? 'info' : 'warning'}
                    />
                  )}
                </Box>
              </TableCell>
              <TableCell>
                {row.rule ? describe(row.rule) : t('clonePlan.noRule')}
              </TableCell>
            </TableRow>
          ))}
        </SmallTable>
      )}
      {rules.subset.length > 0 && (
        <Box mt={1}>
          <Typography variant="body2" component="h4">
            {t('clonePlan.subsets')}
          </Typography>
          <ul aria-label={t('clonePlan.subsets')} style={{ margin: 0 }}>
            {rules.subset.map(subset => (
              <li key={subset.table}>
                <Typography variant="body2" component="span">
                  <code>{subset.table}</code>:{' '}
                  {[
                    subset.where !== undefined &&
                      t('clonePlan.subsetWhere', { where: subset.where }),
                    subset.limit === 0
                      ? t('clonePlan.subsetEmpty')
                      : subset.limit !== undefined &&
                        t('clonePlan.subsetLimit', { count: subset.limit }),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </>
  );
}
