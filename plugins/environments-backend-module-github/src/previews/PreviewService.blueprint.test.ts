import { InMemoryEnvironmentsService } from '@greenroom/plugin-environments-node/testUtils';
import {
  baseEnvironment,
  previewComponent,
  previewHarness,
} from '../__testUtils__/previewHarness';
import { pullRequestEvent } from '../__testUtils__/webhookExamples';

const REPO = 'example/storefront';
const NAME = 'pr-example-storefront-42';
const SHA = '1111111111111111111111111111111111111111';

/** A cache template, as a ServiceTemplate entity of the catalog. */
const redis = {
  apiVersion: 'greenroom.dev/v1alpha1',
  kind: 'ServiceTemplate',
  metadata: { name: 'redis', namespace: 'default' },
  spec: {
    owner: 'platform',
    type: 'cache',
    version: '1.3.0',
    lifecycle: 'production',
    parameters: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', default: 'cache' },
        maxMemory: {
          type: 'string',
          enum: ['128Mi', '256Mi'],
          default: '256Mi',
        },
      },
    },
    service: {
      name: '${{ parameters.name }}',
      kind: 'container',
      image: { repository: 'redis', tag: '7.4-alpine' },
      ports: [{ port: 6379 }],
      resources: { memory: '${{ parameters.maxMemory }}' },
    },
  },
};

/** Staging with the storefront, an orders API and its database. */
const staging = baseEnvironment('staging', 'storefront', {});
staging.services.push(
  {
    ...staging.services[0],
    name: 'orders-api',
    componentRef: 'component:default/orders-api',
  },
  {
    ...staging.services[0],
    name: 'orders-db',
    kind: 'database',
    componentRef: undefined,
    ports: [{ port: 5432, public: false }],
    database: { engine: 'postgresql', version: '16', mode: 'container' },
  },
);

describe('PreviewService: the blueprint in the repository', () => {
  let h: Awaited<ReturnType<typeof previewHarness>>;
  let environments: InMemoryEnvironmentsService;
  beforeEach(async () => {
    environments = new InMemoryEnvironmentsService({
      environments: [staging],
      serviceTemplates: [redis as never],
    });
    h = await previewHarness({
      entities: [
        previewComponent('storefront', REPO, 'staging', {
          'greenroom.dev/preview-blueprint': 'deploy/preview.yaml',
        }),
      ],
      environmentsService: environments,
    });
    h.grant(REPO, 'alice', 'write');
  });
  afterEach(() => h.stop());

  const open = () =>
    h.deliver(
      'pull_request',
      pullRequestEvent('opened', {
        repository: REPO,
        number: 42,
        headSha: SHA,
        author: 'alice',
      }),
      'd1',
    );
  const blueprint = (text: string) =>
    h.github.files.set(`${REPO}:${SHA}:deploy/preview.yaml`, text);

  it("drives the preview: what it deploys, shares, adds and sets, read at the head commit from the annotation's path", async () => {
    blueprint(`apiVersion: greenroom.dev/v1alpha1
kind: PreviewBlueprint
spec:
  services: [storefront]
  share: { databases: share }
  add:
    - name: cache
      template: servicetemplate:default/redis
      parameters: { maxMemory: 128Mi }
  variables: { FEATURE_GIFT_CARDS: "on" }
  ttl: 1d
`);
    await open();
    const [clone, ...rest] = environments.changes;
    expect(clone).toMatchObject({
      method: 'cloneEnvironment',
      name: 'staging',
      args: {
        name: NAME,
        services: ['storefront'],
        baseline: { databases: 'share' },
        variables: [{ key: 'FEATURE_GIFT_CARDS', kind: 'value', value: 'on' }],
        ttl: '1d',
      },
    });
    expect(rest.map(c => c.method)).toEqual([
      'addService',
      'updateEnvironment',
    ]);
    expect(rest[0]).toMatchObject({
      args: {
        name: 'cache',
        template: 'servicetemplate:default/redis',
        parameters: { maxMemory: '128Mi' },
      },
    });
    const preview = await environments.getEnvironment(NAME, {
      credentials: {} as never,
    });
    expect(preview?.services.map(s => s.name)).toEqual(['storefront', 'cache']);
    expect(h.previewComment(REPO, 42)).toContain(
      'deploys storefront, cache, shares the rest, databases included',
    );
  });

  it('without a blueprint, deploys the Component and shares the rest of the base, databases cloned', async () => {
    await open();
    expect(environments.changes[0]).toMatchObject({
      args: { services: ['storefront'], baseline: { databases: 'clone' } },
    });
  });

  it('puts the problems of a bad blueprint on the comment, escaped, and deploys nothing', async () => {
    blueprint(`apiVersion: greenroom.dev/v1alpha1
kind: PreviewBlueprint
spec:
  services: [storefront, "<img src=x onerror=alert(1)>"]
  ttl: forever
`);
    await open();
    expect(environments.changes).toEqual([]);
    const comment = h.previewComment(REPO, 42)!;
    expect(comment).toContain('**not deployed**');
    expect(comment).toContain(
      'the preview blueprint `deploy/preview.yaml` at `1111111` has problems',
    );
    expect(comment).toContain('`spec.ttl`');
    expect(comment).not.toContain('<img');
  });

  it('names a service the base does not have, with the fix', async () => {
    blueprint(`apiVersion: greenroom.dev/v1alpha1
kind: PreviewBlueprint
spec:
  services: [storefront, search]
`);
    await open();
    expect(environments.changes).toEqual([]);
    const comment = h.previewComment(REPO, 42)!;
    expect(comment).toContain('does not fit `staging`');
    expect(comment).toContain('`spec.services[1]`');
    expect(comment).toContain('staging has no service named search');
  });
});
