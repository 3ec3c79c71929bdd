// packages/app/src/components/catalog/EntityPage.tsx (legacy frontend system)
import {
  EntityEnvironmentCostsContent,
  EntityEnvironmentsContent,
} from '@greenroom/plugin-environments';

// in serviceEntityPage and systemPage, inside <EntityLayout>:
    <EntityLayout.Route path="/environments" title="Environments">
      <EntityEnvironmentsContent />
    </EntityLayout.Route>

// in groupPage, inside <EntityLayout>:
    <EntityLayout.Route path="/environment-costs" title="Environment costs">
      <EntityEnvironmentCostsContent />
    </EntityLayout.Route>
