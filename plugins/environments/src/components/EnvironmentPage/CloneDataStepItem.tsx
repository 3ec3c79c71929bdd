import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { CloneDataStep } from '@greenroom/plugin-environments-common';
import { environmentsTranslationRef } from '../../translation';
import { DataPreviewTable } from './DataPreviewTable';
import { DataRulesView } from './DataRulesView';
import { DataSeedView } from './DataSeedView';

/**
 * One database of the clone plan, as an item of its list: what happens to
 * it, and for a copy or a seed how (the rules, made-up rows, what runs).
 */
export function CloneDataStepItem(props: { step: CloneDataStep }) {
  const { step } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <li data-testid={`clone-data-${step.service}`}>
      <Typography variant="body2" component="span">
        {t('clonePlan.dataStep', {
          service: step.service,
          engine: step.engine,
          detail: step.detail,
        })}
      </Typography>
      {step.action === 'copy' && step.rules && (
        <Box mt={1} mb={2}>
          <DataRulesView service={step.service} rules={step.rules} />
          {step.preview && step.preview.length > 0 && (
            <Box mt={1}>
              <Typography variant="caption" color="textSecondary" component="p">
                {t('clonePlan.previewNote')}
              </Typography>
              {step.preview.map(preview => (
                <Box key={preview.table} mt={1}>
                  <DataPreviewTable preview={preview} />
                </Box>
              ))}
            </Box>
          )}
        </Box>
      )}
      {step.action === 'run-seed' && step.seed && (
        <Box mt={1} mb={2}>
          <DataSeedView seed={step.seed} />
        </Box>
      )}
    </li>
  );
}
