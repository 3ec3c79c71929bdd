import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The user-facing texts of the environments pages and dialogs, in English.
 * Apps translate or reword them with `createTranslationMessages` or a
 * translation resource for this ref.
 *
 * @alpha
 */
export const environmentsTranslationRef = createTranslationRef({
  id: 'environments',
  messages: {
    common: {
      environments: 'Environments',
      allEnvironments: 'All environments',
      retry: 'Retry',
      cancel: 'Cancel',
      search: 'Search',
      clearFilters: 'Clear filters',
      noMatchesDescription: 'Try another search or fewer filters.',
    },
    filters: {
      mode: 'Mode',
      allModes: 'All modes',
      status: 'Status',
      allStatuses: 'All statuses',
      system: 'System',
      allSystems: 'All systems',
      owner: 'Owner',
      allOwners: 'All owners',
      type: 'Type',
      allTypes: 'All types',
      engine: 'Engine',
      allEngines: 'All engines',
      lifecycle: 'Lifecycle',
      allLifecycles: 'All lifecycles',
    },
    environmentsPage: {
      title: 'Environments',
      subtitle:
        'Every environment of every system: production, staging, development and previews',
      searchPlaceholder: 'Name or title',
      costsButton: 'Costs',
      templatesButton: 'Service templates',
      newEnvironmentButton: 'New environment',
      emptyTitle: 'No environments yet',
      emptyDescription:
        'Environments are the places your systems run: production, staging, development and pull-request previews. Once the Greenroom backend holds some, they are listed here.',
      readTheDocs: 'Read the docs',
      noMatchesTitle: 'No environment matches these filters',
    },
    environmentPage: {
      notFoundTitle: 'No environment named {{name}}',
      notFoundDescription:
        'It may have been destroyed, or the name is misspelled.',
      destroyedTitle: '{{name}} was destroyed',
      destroyedDescription: 'The environment and everything in it are gone.',
    },
    newEnvironmentPage: {
      title: 'New environment',
      subtitle: 'Pick Components from the catalog; each becomes a service',
      environmentCard: 'Environment',
      policyCard: 'Policy',
      servicesCard: 'Services',
      createButton: 'Create environment',
      creating: 'Creating…',
      notCreated: 'The environment was not created',
      deniedTitle: 'You may not create environments',
      deniedDescription:
        'Ask the owners of your Backstage instance for the environments.environment.create permission.',
      catalogError: 'Could not load the software catalog',
      noServices:
        'No services yet. An environment can start empty and get services later.',
    },
    templatesPage: {
      title: 'Service templates',
      subtitle:
        'Blueprints of databases, caches, queues and applications to add to environments',
      searchPlaceholder: 'Name, description or tag',
      emptyTitle: 'No service templates yet',
      emptyDescription:
        'Service templates are blueprints of databases, caches, queues and applications that DevOps publish for developers to add to environments. To publish one, register a ServiceTemplate YAML (apiVersion greenroom.dev/v1alpha1, kind ServiceTemplate) in the catalog; it is listed here once the catalog has read it.',
      noMatchesTitle: 'No template matches these filters',
    },
    templatePage: {
      addToEnvironment: 'Add to environment',
      version: 'Version',
      lifecycle: 'Lifecycle',
      owner: 'Owner',
    },
    costsPage: {
      title: 'Environment costs',
      subtitle: 'What environments cost, who spends it, and what idling wastes',
      emptyTitle: 'No cost yet',
    },
    cloneDialog: {
      title: 'Clone {{name}}',
      previewButton: 'Preview changes',
      backButton: 'Back',
      cloneButton: 'Clone',
      groupsError: 'Could not load your groups',
    },
  },
});
