import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EventParams } from '@backstage/plugin-events-node';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import type { ApiEnvironment } from '@greenroom/plugin-environments-common';
import { PREVIEW_COMMENT_MARKER } from '@greenroom/plugin-environments-common';
import type {
  EnvironmentsService,
  ActingCredentials,
} from '@greenroom/plugin-environments-node';
import {
  PreviewCommentRefresh,
  PreviewService,
  readPreviewSettings,
} from '@greenroom/plugin-environments-previews-node';
import { GithubChangeRequestProvider } from '../github/GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from '../github/octokitForRepository';
import { actingAs, BOT } from './actingAs';
import {
  InMemoryEnvironmentsService,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { GithubApiDouble } from './GithubApiDouble';

/** A Component whose previews clone `base`. */
export function previewComponent(
  name: string,
  repository: string,
  base = 'staging',
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'github.com/project-slug': repository,
        'greenroom.dev/preview-base': base,
        'backstage.io/source-location': `url:https://github.com/${repository}/tree/main/`,
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
  };
}

/** A staging environment running `component:default/<component>`. */
export function baseEnvironment(
  name = 'staging',
  component = 'storefront',
  fields: Partial<ApiEnvironment> = {},
): ApiEnvironment {
  return makeEnvironment({
    name,
    services: [
      {
        name: component,
        kind: 'application',
        componentRef: `component:default/${component}`,
        image: { repository: `ghcr.io/example/${component}`, tag: '1.0.0' },
        ports: [{ port: 8080, public: true }],
        resources: { cpu: '250m', memory: '256Mi' },
        replicas: 1,
        customDomains: [],
        variables: [],
      },
    ],
    ...fields,
  });
}

/**
 * The previews service wired to the GitHub API double, the environments
 * double (optionally with a permission policy) and an in-memory catalog
 * whose calls are recorded with their credentials.
 */
export async function previewHarness(
  options: {
    entities?: Entity[];
    environments?: ApiEnvironment[];
    policy?: PermissionPolicy;
    github?: Record<string, unknown>;
    credentials?: ActingCredentials;
    environmentsService?: EnvironmentsService;
  } = {},
) {
  const github = await new GithubApiDouble().start();
  const environments = new InMemoryEnvironmentsService({
    environments: options.environments ?? [baseEnvironment()],
    policy: options.policy,
  });
  const catalog = catalogServiceMock({ entities: options.entities ?? [] });
  const catalogCalls: unknown[] = [];
  const getEntities = catalog.getEntities.bind(catalog);
  catalog.getEntities = async (request, requestOptions) => {
    catalogCalls.push(
      (requestOptions as { credentials?: { principal: unknown } })?.credentials
        ?.principal,
    );
    return getEntities(request, requestOptions);
  };
  const config = new ConfigReader({
    app: { baseUrl: 'http://localhost:3000' },
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl: github.url, token: 't' }],
    },
    environments: { github: { actAs: BOT, ...options.github } },
  });
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const deps = {
    provider: new GithubChangeRequestProvider(
      octokitForRepositoryFromConfig(config),
    ),
    environments: options.environmentsService ?? environments,
    credentials: options.credentials ?? actingAs(),
    logger,
  };
  const previews = new PreviewService({
    ...deps,
    catalog,
    settings: readPreviewSettings(config, 'environments.github'),
  });
  const refresh = new PreviewCommentRefresh(deps);

  /** Legacy permission levels of GitHub's roles. */
  const LEVELS: Record<string, string> = {
    admin: 'admin',
    maintain: 'write',
    write: 'write',
    triage: 'read',
    read: 'read',
  };

  /** Grants `user` a role on `repository` (GitHub's collaborator permission). */
  const grant = (repository: string, user: string, role: string) =>
    github.permissions.set(`${repository}:${user}`, {
      permission: LEVELS[role] ?? 'none',
      role_name: role,
    });

  const deliver = async (
    topic: 'pull_request' | 'issue_comment',
    payload: unknown,
    delivery: string,
  ) => {
    const params: EventParams = {
      topic: `github.${topic}`,
      eventPayload: structuredClone(payload),
      metadata: { 'x-github-event': topic, 'x-github-delivery': delivery },
    };
    await previews.handleEvent(params);
  };

  /** What the environments plugin announces when an environment changed. */
  const announce = (
    name: string,
    change: 'upserted' | 'deleted' = 'upserted',
  ) => refresh.handleEnvironmentChange({ name, change });

  /** The bot's one preview comment on a pull request. */
  const previewComment = (repository: string, number: number) => {
    const found = github
      .commentsOf(repository, number)
      .filter(c => c.body.includes(PREVIEW_COMMENT_MARKER));
    if (found.length > 1) throw new Error('more than one preview comment');
    return found[0]?.body;
  };

  /** The bot's reply to the command comment `commentId`. */
  const reply = (repository: string, number: number, commentId: number) =>
    github
      .commentsOf(repository, number)
      .find(c => c.body.includes(`greenroom-preview-reply:${commentId} `))
      ?.body;

  return {
    github,
    environments,
    catalogCalls,
    logger,
    previews,
    grant,
    deliver,
    announce,
    previewComment,
    reply,
    stop: () => github.stop(),
  };
}
