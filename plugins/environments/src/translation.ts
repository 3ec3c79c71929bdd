// Longer than most files on purpose: one ref holds every message of the
// plugin, grouped by component, so that an app translates the plugin in one
// place (as upstream plugins such as the catalog and the scaffolder do).
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
      close: 'Close',
      back: 'Back',
      search: 'Search',
      clearFilters: 'Clear filters',
      noMatchesDescription: 'Try another search or fewer filters.',
      checkingPermissions: 'Checking your permissions…',
      notAllowed: 'Not allowed',
      none: '—',
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
    entityEnvironmentsContent: {
      title: 'Environments',
      componentSubtitle: 'Where {{entity}} runs',
      systemSubtitle: 'Environments of {{entity}}',
      emptyTitle: 'No environments yet',
      componentEmptyDescription:
        '{{entity}} does not run as a service of any environment yet. Add it to an environment to see it here.',
      systemEmptyDescription: 'No environment belongs to {{entity}} yet.',
      wrongKindTitle: 'Environments are shown for Components and Systems',
      wrongKindDescription: 'A {{kind}} does not run in environments.',
    },
    environmentPage: {
      notFoundTitle: 'No environment named {{name}}',
      notFoundDescription:
        'It may have been destroyed, or the name is misspelled.',
      destroyedTitle: '{{name}} was destroyed',
      destroyedDescription: 'The environment and everything in it are gone.',
    },
    environmentActions: {
      stop: 'Stop',
      start: 'Start',
      extend: 'Extend',
      clone: 'Clone',
      destroy: 'Destroy',
      waitingFor: 'Waiting for the {{action}} request to be accepted',
      notAllowedTo: 'You are not allowed to {{action}} this environment',
      productionNeverExpires: 'Production never expires',
      notAllowedToCreate: 'You are not allowed to create environments',
      failed: 'Could not {{action}} {{name}}: {{message}}',
      verbs: {
        stop: 'stop',
        start: 'start',
        destroy: 'destroy',
        extend: 'extend',
        clone: 'clone',
      },
      blockers: {
        destroyed: 'The environment was destroyed',
        destroying: 'The environment is being destroyed',
        alreadyStopped: 'The environment is already stopped',
        alreadyStopping: 'The environment is already stopping',
        alreadyRunning: 'The environment is already running',
        stillProvisioning: 'The environment is still being created',
        alreadyStarting: 'The environment is already starting',
      },
    },
    servicesTable: {
      title: 'Services ({{count}})',
      empty: 'This environment has no services yet.',
      name: 'Name',
      kind: 'Kind',
      component: 'Component',
      image: 'Image',
      ports: 'Ports',
      replicas: 'Replicas',
      resources: 'Resources',
      template: 'Template',
      status: 'Status',
      addresses: 'Addresses',
      runningImage: 'running {{image}}',
      runningImageHelp:
        'The image the runtime reports, which differs from the one asked for while a rollout is under way',
    },
    serviceStatus: {
      notObserved: 'not observed yet',
      notObservedHelp:
        'The runtime has not reported on this service yet; it does within a minute or so of being deployed.',
      replicas: '{{ready}}/{{desired}} ready',
      phases: {
        pending: 'pending',
        running: 'running',
        stopped: 'stopped',
        failed: 'failed',
        unknown: 'unknown',
      },
      since: {
        pending: 'pending for {{elapsed}}',
        running: 'running for {{elapsed}}',
        stopped: 'stopped for {{elapsed}}',
        failed: 'failing for {{elapsed}}',
        unknown: 'unknown for {{elapsed}}',
      },
      observedAt: 'since {{time}}, observed {{observed}}',
    },
    serviceAddresses: {
      publicLabel: 'Public addresses of {{service}}',
      internalLabel: 'In-cluster addresses of {{service}}',
      copy: 'Copy {{url}}',
      copied: 'Copied',
    },
    driftCard: {
      title: 'Changed outside Greenroom ({{count}})',
      description:
        'These objects no longer match what Greenroom applied: they were deleted or changed in the runtime directly. Re-applying the environment puts them back.',
      changes: {
        missing: 'missing',
        modified: 'modified',
      },
      ofService: 'of {{service}}',
      reapply: 'Re-apply',
      reapplying: 'Re-applying…',
      busy: 'Wait for the running operation to finish',
      notAllowed: 'You are not allowed to change this environment',
      notRunning: 'Only an environment meant to run can be re-applied',
      errors: {
        notMeantToRun: 'The environment is not meant to run',
        fallback: 'Could not re-apply',
      },
    },
    observationHealth: {
      failingSince_one:
        'The runtime could not be observed for {{elapsed}}, since {{time}} (1 failed attempt): what this page shows of the services may be out of date.',
      failingSince_other:
        'The runtime could not be observed for {{elapsed}}, since {{time}} ({{count}} failed attempts in a row): what this page shows of the services may be out of date.',
      failingNever_one:
        'The runtime could not be observed yet (1 failed attempt).',
      failingNever_other:
        'The runtime could not be observed yet ({{count}} failed attempts in a row).',
      lastError: 'Last error: {{error}}',
    },
    localRuntimeCard: {
      title: 'Simulated environment',
      description:
        'This environment runs on the local runtime, which simulates environments: it deploys nothing, so there are no pods, events or logs to show. A real runtime, such as kubernetes, deploys its services and shows them here.',
    },
    environmentOverview: {
      sharedBy: 'Shared by',
    },
    sharedServicesCard: {
      title_one: 'Shares {{count}} service with {{base}}',
      title_other: 'Shares {{count}} services with {{base}}',
      titleBaseGone: 'Shared with {{base}}',
      description:
        "Not deployed here: this environment reaches them at {{base}}'s hosts.",
      descriptionSharedDatabases:
        "Not deployed here: this environment reaches them at {{base}}'s hosts. Its writes to the shared databases land in {{base}}.",
      baseStatus: '{{base}} is',
      baseDown:
        '{{base}} is {{status}}: these services do not answer until it runs again.',
      baseDestroyed:
        '{{base}} was destroyed: the services it shared no longer answer. Add them to this environment, or clone it anew.',
      label: 'Services shared with {{base}}',
      service: 'Service',
      kind: 'Kind',
      reachedAt: 'Reached at',
    },
    environmentsTable: {
      url: 'URL',
      sharesBase: 'shares {{base}}',
      stoppedUrl:
        'The environment is stopped: opening its URL starts it when this portal wakes environments on traffic',
      priority: 'Priority',
      reclaimNext: 'Reclaimed next',
      reclaimNextTooltip:
        'The preview quota of {{quotas}} is full. When one more preview of priority {{priority}} or higher needs a slot, this one is stopped first: it has the lowest priority and, among equals, has been idle the longest.',
    },
    previewQuota: {
      title: 'Preview quota',
      subheader:
        'Running previews per system and per team. In a full quota a new preview stops the one of lowest priority (among equals, the longest idle), or waits for a slot.',
      systems: 'Systems',
      teams: 'Teams',
      system: 'System',
      team: 'Team',
      running: 'Running',
      queued: 'Queued',
      reclaimNext: 'Reclaimed next',
      runningOfLimit: '{{running}} / {{limit}}',
      noLimit: '{{running}} (no limit)',
      noPreviews: 'No preview is running or waiting for a slot.',
      notConfiguredTitle: 'No preview quota is configured',
      notConfiguredDescription:
        'Previews run without a limit. Set environments.previews.quota (perSystem, perTeam, or limits of named systems and teams) in the app config to share the cluster.',
      loadError: 'The preview quota could not be loaded: {{message}}',
    },
    stopDialog: {
      title: 'Stop production environment {{name}}?',
      description:
        'Every service of {{name}} goes offline until the environment is started again. Policies never stop production; only you can.',
      confirm: 'Stop production',
      titleShared: 'Stop {{name}}?',
      descriptionShared:
        'Every service of {{name}} goes offline until the environment is started again.',
      confirmShared: 'Stop anyway',
    },
    sharedBaseNotice: {
      stop: 'Shared by {{names}}: the services they share with {{name}} stop answering until it runs again.',
      destroy:
        'Shared by {{names}}: the services they share with {{name}} stop answering for good.',
      conflictTitle: 'Other environments share {{name}} now',
    },
    destroyDialog: {
      title: 'Destroy {{name}}?',
      description:
        'This deletes every service and database of the environment, with their data. It cannot be undone. Type {{name}} to confirm.',
      nameLabel: 'Environment name',
      confirm: 'Destroy',
    },
    extendDialog: {
      title: 'Extend {{name}}',
      expires:
        'It expires {{expiresAt}} and is then destroyed. Keep it longer by:',
      noExpiry:
        'It has no expiry: it is never destroyed for its age, so there is nothing to extend.',
      extendBy: 'Extend by',
      oneDay: '1 day',
      threeDays: '3 days',
      oneWeek: '1 week',
      confirm: 'Extend',
      extending: 'Extending…',
      pickShorter: '{{detail}}. Pick a shorter time.',
      errors: {
        noExpiry: 'There is no expiry to extend',
        tooLong: 'Longer than this environment may live',
        fallback: 'Could not extend',
      },
    },
    variablesCard: {
      title: 'Variables',
      noVariables:
        'No variables are set. Every service still gets the built-in variables below.',
      scope: 'Scope',
      key: 'Key',
      kind: 'Kind',
      value: 'Value',
      secretHidden: 'secret value, hidden',
      secretSet: 'set',
      secretNotSet: 'not set',
      aliasOf: '{{key}} has the value of {{target}}',
      aliasOfSecret: '= {{mask}} (secret)',
      builtinTitle: 'Built-in variables ({{count}})',
      builtinLabel: 'Built-in variables',
      builtinDescription:
        'Computed by Greenroom for every service of this environment; they cannot be changed, but aliases can give them other names.',
    },
    upgradeServiceDialog: {
      title: 'Upgrade {{service}}',
      titleFromTo: 'Upgrade {{service}} from {{from}} to {{to}}',
      description:
        'Upgrading re-renders {{service}} from version {{to}} of its template, keeping the parameters it was created with. Nothing has changed yet; these are the changes it makes:',
      noChanges:
        'The service stays as it is; only its template version changes.',
      changes: 'Changes',
      field: 'Field',
      before: 'Before',
      after: 'After',
      confirm: 'Upgrade',
      errors: {
        nothingToUpgrade: 'Nothing to upgrade',
        fallback: 'Could not upgrade',
      },
    },
    addServiceButton: {
      label: 'Add service',
      notAllowed: 'You are not allowed to change this environment',
      destroying: 'The environment is being destroyed',
    },
    addServiceDialog: {
      chooseTitle: 'Add a service',
      chooseTitleTo: 'Add a service to {{environment}}',
      chooseTemplate: 'Choose the template to start from.',
      title: 'Add {{template}}',
      titleTo: 'Add {{template}} to {{environment}}',
      deprecatedTemplate:
        'This template is deprecated: prefer a newer template for new services.',
      previewIntro:
        'This is the service {{environment}} would get. Nothing has changed yet.',
      serviceName: 'Service name',
      serviceNameHelp:
        'Lower case letters, digits and "-", at most {{max}} characters',
      noParameters: 'This template has no parameters.',
      chooseEnvironment: 'Choose an environment',
      notAllowed: 'You are not allowed to change {{environment}}',
      previewButton: 'Preview',
      addButton: 'Add',
      environmentSelect: {
        label: 'Environment',
        help: 'The environment the service is added to',
        loading: 'Loading environments…',
        loadError: 'Could not load the environments: {{message}}',
        noEnvironments: 'You cannot see any environment',
        option: '{{title}} ({{name}})',
      },
      errors: {
        refused: 'The service was refused',
        notFound: 'The template or the environment does not exist',
        fallback: 'Could not add the service',
      },
    },
    templateChooser: {
      label: 'Service templates',
      empty:
        'There are no service templates yet. DevOps publish one by registering a ServiceTemplate YAML in the catalog.',
    },
    servicePreview: {
      label: 'Service {{name}}',
      name: 'Name',
      kind: 'Kind',
      template: 'Template',
      image: 'Image',
      ports: 'Ports',
      resources: 'Resources',
      replicas: 'Replicas',
      database: 'Database',
      customDomains: 'Custom domains',
      variables: 'Variables ({{count}})',
      noVariables: 'None, besides the built-in ones (GR_…) every service gets.',
      secretNotSet: 'not set yet',
      builtinComputed: 'computed',
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
    environmentCard: {
      required: 'Required',
      name: 'Name',
      nameHelp:
        'Lower case letters, digits and "-"; services are reachable as <service>-<name>',
      useSuggestion: 'Use {{suggestion}}?',
      title: 'Title',
      titlePlaceholder: 'Shop (feature login)',
      titleHelp: 'Optional; the name when empty',
      mode: 'Mode',
      system: 'System',
      chooseSystem: 'Choose a system',
      noSystems: 'The catalog has no System',
      owner: 'Owner',
      chooseOwner: 'Choose a group',
    },
    policyCard: {
      idleAfter: 'Stop when idle for',
      idleAfterHelp: 'e.g. 2h or 1h30m; empty takes the default of the mode',
      idleAfterProductionHelp:
        'Production is never stopped by a policy unless you set this',
      never: 'never',
      ttl: 'Delete after',
      ttlHelp: 'Time to live of the preview, e.g. 3d',
    },
    servicesCard: {
      description:
        'Pick Components from the software catalog: each becomes a service, with its image and ports from its {{annotations}} annotations.',
      components: 'Components',
      componentsOfSystem: 'Components of the system',
      anyComponent: 'Any Component',
      noMoreComponents: 'No more Components',
      noMoreComponentsInSystem: 'No more Components in this system',
      addDatabase: 'Add {{engine}}',
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
      loading: 'Loading templates',
      count_one: '{{count}} template',
      count_other: '{{count}} templates',
    },
    templatePage: {
      addToEnvironment: 'Add to environment',
      version: 'Version',
      lifecycle: 'Lifecycle',
      owner: 'Owner',
      notFoundTitle: 'No service template named {{ref}}',
      notFoundDescription:
        'It may have been removed from the catalog, or the name is misspelled.',
      allTemplates: 'All service templates',
      deprecatedTitle: 'This template is deprecated',
      deprecatedDescription:
        'Services created from it keep running, but new services should start from another template. See its links for how to migrate.',
      deprecatedDescriptionWithNewer:
        'Services created from it keep running, but new services should start from another template (version {{version}} is not deprecated). See its links for how to migrate.',
    },
    templateAbout: {
      title: 'About',
      noDescription: 'No description.',
      owner: 'Owner',
      type: 'Type',
      tags: 'Tags',
      links: 'Links',
    },
    templateVersions: {
      title: 'Versions ({{count}})',
      label: 'Versions',
      none: 'No version recorded yet.',
      current: 'current',
      firstSeen: 'first seen {{when}}',
    },
    templateParameters: {
      title: 'Parameters ({{count}})',
      name: 'Name',
      type: 'Type',
      default: 'Default',
      allowedValues: 'Allowed values',
      required: 'Required',
      description: 'Description',
      yes: 'yes',
      no: 'no',
      none: 'This template has no parameters: it is used as it is.',
    },
    templateUsage: {
      title: 'Used by ({{count}})',
      environment: 'Environment',
      mode: 'Mode',
      service: 'Service',
      version: 'Version',
      status: 'Status',
      none: 'No environment runs a service from this template yet.',
    },
    costsPage: {
      title: 'Environment costs',
      subtitle: 'What environments cost, who spends it, and what idling wastes',
      emptyTitle: 'No cost yet',
      emptyDescription: 'Environments start accruing cost once they run.',
      emptyDescriptionOfOwner:
        'Environments start accruing cost once they run; those of {{owner}} have not run yet.',
      costPerDay: 'Cost per day',
      groupBy: 'Group by',
      topSpenders: 'Environments by cost, {{period}}',
      seriesLoadError: 'Could not load the cost per day',
    },
    costFilters: {
      range: 'Range',
      from: 'From',
      to: 'To (inclusive)',
      owner: 'Owner',
      allTeams: 'All teams',
    },
    costRanges: {
      thisMonth: 'This month so far',
      lastMonth: 'Last month',
      last30Days: 'Last 30 days',
      custom: 'Custom',
    },
    costPeriods: {
      thisMonth: 'this month',
      lastMonth: 'last month',
      last30Days: 'the last 30 days',
      between: '{{from}} to {{to}}',
      today: 'today',
    },
    costGroupBys: {
      owner: 'Team',
      system: 'System',
      mode: 'Mode',
    },
    costHeadlines: {
      thisMonth: 'This month so far',
      versusLastMonth: '{{change}} vs last month',
      lastMonth: 'Last month',
      projectedMonth: 'Projected month',
      projectedMonthCaption: "At this month's pace so far",
      idleWaste: 'Idle waste',
      idleWasteCaption: '{{share}} of the total {{period}}',
      idleWasteCaptionWithHours:
        '{{share}} of the total {{period}}, {{hours}} idle',
      savings: 'Savings from auto-stop',
      savingsCaption: 'What policy stops avoided',
      savingsCaptionOfPeriod: 'What policy stops avoided {{period}}',
      sharingSaved: 'Saved by sharing',
      sharingSavedCaption:
        '{{count}} environments share a base instead of full clones, {{period}}',
    },
    headlinesExplained: {
      open: 'How these figures are computed',
      title: 'How these figures are computed',
      total:
        "The cost {{period}} ({{total}}) is the sum of the {{count}} environments in the report: each one's ledger intervals (what its services reserved, running or stopped) priced with the rates below; complete days come from the daily rollup, which adds up to the same. Each environment's total in the table below opens its intervals; the CSV download lists every environment.",
      projected:
        'Projected month: {{soFar}} so far ÷ {{hours}} hours elapsed × {{monthHours}} hours in the month = {{projected}}.',
      idle: "Idle waste ({{idle}}): what running cost while nobody used an environment, from the time it had been unused for its policy's idle time (views, deploys, actions and reported activity count as use).",
      savings:
        'Savings from auto-stop ({{savings}}): what the compute and database classes reserved would have cost while policy stops kept them stopped (storage is charged while stopped, so it saves nothing).',
      sharing:
        "Saved by sharing ({{saved}}): for each of the {{count}} environments that share a base instead of cloning it fully, what its shared services would have cost in a full clone over the hours it ran, at the rates below. Each environment's page lists its shared services.",
      close: 'Close',
    },
    teamCosts: {
      allCosts: 'All environment costs',
      emptyDescription:
        'Environments start accruing cost once they run; those of {{team}} have not run {{period}}.',
      total: 'Total',
      projected: '{{cost}} projected this month',
      costOfPeriod: 'Cost {{period}}',
      idleShare: 'Idle share',
      spentIdle: '{{cost}} spent idle',
      spentIdleWithHours: '{{cost}} spent idle, {{hours}}',
      environments: 'Environments',
      environmentsWithCost: '{{count}} cost something {{period}}',
      costPerDay: 'Cost per day by environment',
      topSpenders: 'Environments of {{team}} by cost, {{period}}',
      wrongKindTitle: 'Environment costs are shown for Groups',
      wrongKindDescription: 'A {{kind}} does not own environments.',
    },
    baseDownNote: {
      text: 'base {{base}} {{status}}: shared services down',
      destroyed: 'destroyed',
    },
    environmentCostCard: {
      idleCostPart: 'idle cost',
      savingsPart: 'savings from auto-stop',
      sharingOpen: 'How sharing {{base}} saved {{cost}}',
      sharingTitle: 'What sharing {{base}} saved',
      sharingExplained:
        '{{name}} uses the services below from {{base}} instead of running its own copies. Over the {{hours}} h it ran from {{from}} to {{to}} (UTC), each would have cost what a full clone reserves for it (compute, storage and database at the cost rates): {{total}} in all, compute {{compute}} + storage {{storage}} + database {{database}}.',
      sharedServices: 'Shared services',
      service: 'Service',
      saved: 'Saved',
      sum: 'Sum',
      close: 'Close',
      title: 'Cost',
      subheader: 'This month so far (UTC)',
      allCosts: 'All environment costs',
      loadError: 'The cost could not be loaded: {{message}}',
      thisMonth: 'This month so far',
      projected: '{{cost}} projected',
      idleHours: 'Idle hours',
      idleHoursCaption: 'Running with no activity',
      idleCost: 'Idle cost',
      idleCostCaption: "{{share}} of this month's cost",
      sharingSaved: 'Saved by sharing',
      sharingSavedCaption:
        'against a full clone: {{count}} services of {{base}} not deployed',
    },
    topSpenders: {
      title: 'Top spenders',
      environment: 'Environment',
      total: 'Total',
      compute: 'Compute',
      storage: 'Storage',
      database: 'Database',
      idle: 'Idle',
      idleHours: 'Idle hours',
      savings: 'Savings',
      limited:
        '{{subtitle}}: the {{shown}} highest of {{count}} (the CSV download has every one)',
    },
    costBreakdown: {
      open: 'How {{name}} cost {{cost}} was computed',
      openPart: 'How the {{part}} of {{name}}, {{cost}}, was computed',
      title: 'How the cost of {{name}} was computed',
      window: '{{from}} to {{to}} (UTC), rates from: {{source}}',
      sources: {
        estimate:
          'estimate (the configured rates applied to the reserved CPU, memory, storage and database classes)',
      },
      totals:
        'Total {{total}} = compute {{compute}} + storage {{storage}} + database {{database}}',
      idleAndSavings:
        'Idle {{idle}}: the part of the total that ran while nobody used the environment, {{idleHours}} h at least {{idleAfter}} after its last activity (the Idle column, per interval). Savings {{savings}}: what compute and databases would have cost while auto-stopped (the Saved column; storage is charged either way, and savings are not part of the total).',
      idle: 'Idle',
      saved: 'Saved',
      partOf: '{{cost}} ({{hours}} h)',
      nothing: '–',
      intervals: 'Intervals',
      service: 'Service',
      state: 'State',
      from: 'From',
      to: 'To',
      hours: 'Hours',
      reserved: 'Reserved',
      cost: 'Cost',
      formula: 'How',
      stillRunning: '{{at}} (goes on)',
      reason: '{{state}} ({{reason}})',
      coreTerm: '{{value}} core',
      coresTerm: '{{value}} cores',
      memoryTerm: '{{value}} GB memory',
      storageTerm: '{{value}} GB storage',
      hoursTerm: '{{value}} h',
      nothingReserved: 'nothing',
      nothingCharged: 'nothing charged: stopped, no storage',
      truncated:
        'Showing the first {{shown}} of {{total}} intervals; the totals count them all.',
      reported:
        'The cost pages show {{total}} for this window: {{source}} replaced the estimate below for the days it covers (its own allocation of the namespace, per day).',
      emptyTitle: 'No intervals in this window',
      emptyDescription:
        'The ledger has nothing {{name}} reserved between these times, so it cost nothing.',
      close: 'Close',
    },
    groupBreakdown: {
      open: 'How {{group}} cost {{cost}} was computed',
      title: 'How the cost of {{group}} was computed',
      sumOfEnvironments_one:
        '{{group}} cost {{total}} from {{first}} to {{last}} (UTC days): the cost of its one environment below. Its total opens its own intervals and rates.',
      sumOfEnvironments_other:
        '{{group}} cost {{total}} from {{first}} to {{last}} (UTC days): the sum of its {{count}} environments below. Each total opens its own intervals and rates.',
      dayOfEnvironments:
        "The bar of {{day}} is {{total}}: the same environments' cost on that UTC day.",
      sumOfGroups:
        'Other adds up the {{size}} groups that have no bar of their own: {{total}} from {{first}} to {{last}} (UTC days). Each group opens its environments.',
      dayOfGroups:
        "The bar of {{day}} is {{total}}: the same groups' cost on that UTC day.",
      environments: 'Environments of {{group}}',
      groups: 'Groups in Other',
      environment: 'Environment',
      group: 'Group',
      onDay: 'On {{day}}',
      total: 'Total',
      sum: 'Sum',
      truncated:
        'Showing the {{shown}} highest of {{size}}; the sums count them all.',
      empty: 'No environment of {{group}} cost anything in this window.',
      backToOther: 'Back to Other',
      close: 'Close',
      totals: 'Over the period',
    },
    costRates: {
      title: 'Rates ({{currency}})',
      intro:
        'Every figure is computed from these rates, in {{currency}}: {{formula}}. Storage is charged while an environment is stopped too; idle cost is what running cost while nobody used the environment, and savings are what auto-stops avoided.',
      formula:
        'cost = running hours × (CPU cores × CPU rate + memory GB × memory rate) + storage GB-hours × storage rate + database hours × class rate',
      label: 'Rates',
      rate: 'Rate',
      price: 'Price',
      currency: 'Currency',
      cpuCoreHour: 'CPU core-hour',
      memoryGbHour: 'Memory GB-hour',
      storageGbHour: 'Storage GB-hour (also while stopped)',
      databaseClassHour: 'Database {{instanceClass}} per hour',
      unpriced: 'No rate for {{classes}}: priced at 0.',
      source: 'Source: {{sources}}',
      sourceNames: {
        estimate: 'estimate from these rates',
        'aws-price-file': 'AWS price file',
        opencost: "OpenCost (the cluster's cost of each namespace)",
        kubecost: "Kubecost (the cluster's cost of each namespace)",
      },
      sourceExplained:
        'Kubernetes environments show the cost the cluster allocated to their namespace for each complete day; other environments, and the hours since the last complete day, are estimated from these rates.',
      fallback:
        'The cluster cost source could not be read for {{days}}: those days show the estimate until the next hourly rollup reads them.',
    },
    clonePlan: {
      changed: 'Changes',
      attention: 'Needs attention after cloning',
      data: 'Data',
      shared: 'Shared with {{source}}, not deployed',
      sharedService: '{{service}}, reached at {{host}}',
      dropped: 'Left out',
      copied: 'Copied',
      dataStep: '{{service}} ({{engine}}): {{detail}}',
      rules: 'Rules of {{service}}',
      column: 'Column',
      transform: 'Becomes',
      sensitive: 'sensitive',
      noRule: 'no rule: copied as it is',
      transforms: {
        email: 'a made-up e-mail address',
        name: 'a made-up name',
        phone: 'a made-up phone number',
        hash: 'a keyed hash',
        null: 'NULL',
        fixed: '“{{value}}”',
        keep: 'kept as it is',
      },
      subsets: 'Rows copied',
      subsetWhere: 'where {{where}}',
      subsetLimit_one: 'at most {{count}} row',
      subsetLimit_other: 'at most {{count}} rows',
      subsetEmpty: 'none (copied empty)',
      preview: 'Preview of {{table}}',
      previewNote:
        'Made-up values show what the rules do: never real rows of the source.',
      before: 'Before',
      after: 'After',
      seedSql: 'Runs this SQL',
      seedMoreLines_one: '… and {{count}} more line',
      seedMoreLines_other: '… and {{count}} more lines',
      seedImage: 'Runs the image {{image}}',
      seedCommand: 'with the command {{command}}',
    },
    cloneDialog: {
      title: 'Clone {{name}}',
      previewButton: 'Preview changes',
      backButton: 'Back',
      cloneButton: 'Clone',
      groupsError: 'Could not load your groups',
      data: 'Data',
      dataHelp:
        'Each database the clone deploys starts empty unless you choose otherwise.',
      noDatabases: 'The clone deploys no database.',
      database: '{{service}} ({{engine}})',
      dataPolicies: {
        empty: 'Empty',
        copy: 'Copy (anonymised)',
        seed: 'Seed',
        snapshot: 'Snapshot',
      },
      dataPolicyHelp: {
        empty: 'starts empty',
        copy: "copied from {{source}} through the database's rules: sensitive columns transformed, subsets applied",
        seed: 'starts empty, then its seed runs',
        snapshot: 'restored from a snapshot of {{source}}',
      },
      shareLeftOut: 'Share the other services with {{source}}',
      shareLeftOutHelp:
        "Shared services are not deployed: the clone reaches them at {{source}}'s hosts. Otherwise they are left out.",
      baselineDatabases: 'Databases left out',
      databasesClone: 'Clone them',
      databasesCloneHelp:
        'the clone deploys its own {{databases}} anyway, with the data above',
      databasesShare: "Share {{source}}'s",
      databasesShareHelp: "the clone uses {{source}}'s {{databases}}",
      sharedDatabasesWarning:
        "Shared databases receive the clone's writes: whatever the clone writes to {{databases}} lands in {{source}}.",
      errors: {
        nameTaken: 'The name is taken',
        refused: 'The clone request was refused',
        fallback: 'Could not clone',
      },
    },
  },
});
