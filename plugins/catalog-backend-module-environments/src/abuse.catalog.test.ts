// Abuse scenario: an Environment entity registered from a YAML location must
// be refused; only Greenroom's own provider may publish Environments.
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { EnvironmentEntitiesProcessor } from './processor';
import { toEnvironmentEntity } from './provider/toEnvironmentEntity';

/** The processor's steps in the catalog's order; the relations it emits. */
async function process(
  entity: Entity,
  location: LocationSpec,
  originLocation: LocationSpec = location,
) {
  // As the catalog sees it: every step is optional.
  const processor: CatalogProcessor = new EnvironmentEntitiesProcessor();
  const results: CatalogProcessorResult[] = [];
  const emit = (result: CatalogProcessorResult) => results.push(result);
  const processed =
    (await processor.preProcessEntity?.(
      entity,
      location,
      emit,
      originLocation,
      undefined as any,
    )) ?? entity;
  if (!(await processor.validateEntityKind?.(processed))) {
    throw new Error('not an Environment');
  }
  await processor.postProcessEntity?.(
    processed,
    location,
    emit,
    undefined as any,
  );
  return results;
}

describe('abuse: catalog', () => {
  it("8. the catalog accepts Environment entities only from Greenroom's own provider", async () => {
    // Anyone may register a YAML location: this one claims a production
    // environment of the shop system, owned by the attacker's team.
    const squatter: Entity = {
      apiVersion: 'greenroom.dev/v1alpha1',
      kind: 'Environment',
      metadata: {
        name: 'production',
        namespace: 'default',
        annotations: {
          // What the catalog sets for an entity read from a location.
          'backstage.io/managed-by-location':
            'url:https://github.com/mallory/x/blob/main/env.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://github.com/mallory/x/blob/main/env.yaml',
        },
      },
      spec: {
        mode: 'production',
        system: 'shop',
        owner: 'team-mallory',
        runtime: 'kubernetes/prod',
        services: [],
      },
    };
    const url = {
      type: 'url',
      target: 'https://github.com/mallory/x/blob/main/env.yaml',
    };
    await expect(process(squatter, url)).rejects.toThrow(
      /Environment entities come only from Greenroom's environments provider \(greenroom:environments\), not from url:https:\/\/github\.com\/mallory/,
    );

    // What the provider publishes is accepted, with its relations.
    const published = toEnvironmentEntity({
      id: 'id-1',
      name: 'production',
      title: 'Production',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'production',
      runtime: { type: 'kubernetes', target: 'prod' },
      status: 'running',
      services: [],
      origin: { type: 'manual' },
    });
    const provider = { type: 'greenroom', target: 'environments' };
    const relations = await process(published, provider);
    expect(
      relations.map(r => r.type === 'relation' && r.relation.type),
    ).toEqual(['partOf', 'hasPart', 'ownedBy', 'ownerOf']);
  });
});
