import * as common from './index';

describe('package exports', () => {
  it('exports the shared contract', () => {
    const names = [
      'GREENROOM_API_VERSION',
      'ANNOTATION_IMAGE',
      'ANNOTATION_PORTS',
      'ANNOTATION_SERVICE_TEMPLATE',
      'ANNOTATION_PREVIEW_BASE',
      'ANNOTATION_PREVIEW_BLUEPRINT',
      'DEFAULT_PREVIEW_BLUEPRINT_PATH',
      'previewBlueprintSchema',
      'parsePreviewBlueprint',
      'blueprintErrorsMarkdown',
      'previewFromBlueprint',
      'zodFieldErrors',
      'ANNOTATION_GITHUB_PROJECT_SLUG',
      'ENVIRONMENT_MODES',
      'ENVIRONMENT_STATUSES',
      'DESIRED_STATES',
      'SERVICE_KINDS',
      'DATABASE_ENGINES',
      'VARIABLE_KINDS',
      'OPERATION_TYPES',
      'OPERATION_STATUSES',
      'variableSchema',
      'variableInputSchema',
      'serviceSchema',
      'policySchema',
      'pullRequestSchema',
      'originSchema',
      'attentionItemSchema',
      'environmentSchema',
      'environmentInputSchema',
      'operationStepSchema',
      'operationSchema',
      'serviceTemplateSpecSchema',
      'formatZodError',
      'environmentEntityV1alpha1Validator',
      'serviceTemplateEntityV1alpha1Validator',
      'isEnvironmentEntity',
      'isServiceTemplateEntity',
      'ENVIRONMENT_RESOURCE_TYPE',
      'environmentReadPermission',
      'environmentCreatePermission',
      'environmentClonePermission',
      'environmentUpdatePermission',
      'environmentLifecyclePermission',
      'environmentDeletePermission',
      'costReadPermission',
      'templateUsePermission',
      'environmentsPermissions',
      'toEnvironmentName',
      'MAX_ENVIRONMENT_NAME_LENGTH',
      'isValidEnvironmentName',
      'parseDuration',
      'InvalidDurationError',
      'formatDuration',
      'builtinVariables',
      'resolveVariables',
      'VariableResolutionError',
    ];
    const missing = names.filter(name => !(name in common));
    expect(missing).toEqual([]);
  });

  it('has the documented constant values', () => {
    expect(common.GREENROOM_API_VERSION).toBe('greenroom.dev/v1alpha1');
    expect(common.ANNOTATION_IMAGE).toBe('greenroom.dev/image');
    expect(common.ANNOTATION_PORTS).toBe('greenroom.dev/ports');
    expect(common.ANNOTATION_SERVICE_TEMPLATE).toBe(
      'greenroom.dev/service-template',
    );
    expect(common.ANNOTATION_PREVIEW_BASE).toBe('greenroom.dev/preview-base');
    expect(common.ANNOTATION_GITHUB_PROJECT_SLUG).toBe(
      'github.com/project-slug',
    );
    expect(common.MAX_ENVIRONMENT_NAME_LENGTH).toBe(40);
    expect(common.ENVIRONMENT_MODES).toEqual([
      'production',
      'staging',
      'development',
      'preview',
    ]);
    expect(common.DESIRED_STATES).toEqual(['running', 'stopped', 'deleted']);
    expect(common.VARIABLE_KINDS).toEqual([
      'value',
      'secret',
      'alias',
      'builtin',
    ]);
  });

  it('does not leak internals', () => {
    expect('shortHash' in common).toBe(false);
    expect('checkUniqueKeys' in common).toBe(false);
  });
});

describe('the README example', () => {
  it('works as the README says', () => {
    const name = common.toEnvironmentName('feature/Checkout-Redesign');
    expect(name).toBe('feature-checkout-redesign');
    const parsed = common.environmentInputSchema.safeParse({
      name,
      system: 'shop',
      owner: 'team-shop',
      mode: 'preview',
      services: [
        { name: 'web', kind: 'application', ports: [{ port: 8080 }] },
        {
          name: 'db',
          kind: 'database',
          database: { engine: 'postgresql', version: '16' },
        },
      ],
      variables: [{ key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' }],
    });
    expect(parsed.success).toBe(true);
    const { services } = common.resolveVariables(parsed.data!);
    const web = Object.fromEntries(services.web.map(v => [v.key, v]));
    expect(web.GR_WEB_HOST.value).toBe('web-feature-checkout-redesign');
    expect(web.GR_DB_URL.value).toBe(
      'postgresql://db@db-feature-checkout-redesign:5432/db',
    );
    expect(web.DATABASE_URL).toMatchObject({
      kind: 'alias',
      aliasOf: 'GR_DB_URL',
      value: web.GR_DB_URL.value,
    });
    expect(web.GR_DB_PASSWORD).toEqual({
      key: 'GR_DB_PASSWORD',
      kind: 'builtin',
      secret: true,
      source: 'builtin',
    });
  });
});
