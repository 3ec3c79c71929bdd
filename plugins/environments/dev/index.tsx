import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import type { Environment } from '@greenroom/plugin-environments-common';
import environmentsPlugin from '../src/alpha';
import {
  EnvironmentsApi,
  environmentsApiRef,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from '../src';
import { sampleEnvironments } from '../src/__testUtils__/environments';

/**
 * Serves sample environments from memory, so the page can be developed
 * without the backend (`yarn start` in this folder).
 */
class SampleEnvironmentsApi implements EnvironmentsApi {
  async listEnvironments(
    query: ListEnvironmentsQuery = {},
  ): Promise<ListEnvironmentsResponse> {
    const q = query.q?.toLocaleLowerCase('en-US');
    const matches = sampleEnvironments.filter(
      env =>
        (!query.mode || env.mode === query.mode) &&
        (!query.status || env.status === query.status) &&
        (!query.system || env.system === query.system) &&
        (!query.owner || env.owner === query.owner) &&
        (!query.component ||
          env.services.some(s => s.componentRef === query.component)) &&
        (!q ||
          env.name.includes(q) ||
          env.title.toLocaleLowerCase('en-US').includes(q)),
    );
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      items: matches.slice(offset, offset + limit),
      totalCount: matches.length,
    };
  }

  async getEnvironment(name: string): Promise<Environment> {
    const environment = sampleEnvironments.find(env => env.name === name);
    if (!environment) {
      throw new Error(`No environment named ${name}`);
    }
    return environment;
  }
}

const sampleApiModule = createFrontendModule({
  pluginId: 'environments',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: environmentsApiRef,
          deps: {},
          factory: () => new SampleEnvironmentsApi(),
        }),
    }),
  ],
});

createDevApp({ features: [environmentsPlugin, sampleApiModule] });
