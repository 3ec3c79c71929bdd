import { createHash } from 'node:crypto';
import type {
  DataRules,
  DataSeed,
} from '@greenroom/plugin-environments-common';
import { DATA_TRANSFORMER_SCRIPT } from '@greenroom/plugin-environments-data-node';
import { configMap, secret } from '../render/configuration';
import type { KubeObject } from '../render/types';
import type { DataJobOptions } from '../runtime/options';
import type { DatabaseConnection } from './connections';
import type { DataEngine, EnvVar } from './DataEngine';

/** The container whose log carries the transformer's reports. */
export const TRANSFORM_CONTAINER = 'transform';

/** Where a data Job's files are mounted. */
const FILES = '/greenroom';
const SEED_FILES = '/seed';
const PIPES = '/pipes';

/** Keys of the data Job's Secret. */
const SOURCE_PASSWORD = 'source-password';
const TARGET_PASSWORD = 'target-password';
const TARGET_PASSWORD_IN_URL = 'target-password-url';
const TRANSFORM_KEY = 'transform-key';

const RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};
const WAIT_RESOURCES = {
  requests: { cpu: '10m', memory: '16Mi' },
  limits: { cpu: '100m', memory: '64Mi' },
};
const SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** Where a data Job runs, and what it carries. */
export interface DataJobMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  options: DataJobOptions;
}

/** One side of a copy: how to reach its database, and the client image for its version. */
export interface DatabaseSide {
  connection: DatabaseConnection;
  image: string;
}

/** A data load's objects: its Job, and the files and secrets it mounts. */
export interface DataJobObjects {
  job: KubeObject;
  configMap?: KubeObject;
  secret?: KubeObject;
}

/**
 * `gr-data-<service>-<hash>`: the same for every attempt of one operation,
 * so a resumed load finds its Job. The transform key is secret, so only a
 * hash of it appears.
 */
export function dataJobName(
  service: string,
  action: 'copy' | 'seed',
  transformKey: string,
) {
  const hash = createHash('sha256')
    .update(`${action}/${transformKey}`)
    .digest('hex')
    .slice(0, 10);
  return `gr-data-${service}-${hash}`;
}

const fromSecret = (meta: DataJobMeta, key: string) => ({
  secretKeyRef: { name: meta.name, key },
});

function container(
  name: string,
  image: string,
  command: string[] | undefined,
  env: EnvVar[],
  extra: Record<string, unknown> = {},
) {
  return {
    name,
    image,
    ...(command ? { command } : {}),
    env,
    resources: RESOURCES,
    securityContext: SECURITY_CONTEXT,
    ...extra,
  };
}

/** An init container that holds the Job back until the target accepts connections. */
function waitForTarget(engine: DataEngine, target: DatabaseSide) {
  return {
    ...container(
      'wait-for-target',
      target.image,
      ['sh', '-c', engine.waitUntilReady],
      engine.clientEnv(target.connection, undefined),
    ),
    resources: WAIT_RESOURCES,
  };
}

function job(
  meta: DataJobMeta,
  pod: Record<string, unknown>,
  volumes: Record<string, unknown>[],
): KubeObject {
  const { options } = meta;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels: meta.labels,
    },
    spec: {
      // All or nothing: a failed load is started over by the next attempt.
      backoffLimit: 0,
      activeDeadlineSeconds: Math.ceil(options.timeoutMs / 1000),
      ttlSecondsAfterFinished: Math.ceil(options.keepFinishedMs / 1000),
      template: {
        metadata: { labels: meta.labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          ...pod,
          volumes,
        },
      },
    },
  };
}

/** The Job's Secret of the values that are set, if any: an empty password is no password. */
function secretOf(meta: DataJobMeta, data: Record<string, string | undefined>) {
  const set = Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    ),
  );
  return Object.keys(set).length > 0
    ? secret(meta.name, meta.namespace, meta.labels, set)
    : undefined;
}

/**
 * A copy streamed through two FIFOs: the dump (the engine's client image,
 * read-only on the source) writes into one, the transformer (stock Node)
 * rewrites it by the rules into the other, the restore loads that into the
 * target. Passwords and the transform key reach the containers from the
 * Secret only.
 */
export function renderCopyJob(
  meta: DataJobMeta,
  input: {
    engine: DataEngine;
    source: DatabaseSide;
    target: DatabaseSide;
    rules: DataRules;
    transformKey: string;
  },
): DataJobObjects {
  const { engine, source, target } = input;
  const scripts = engine.copyScripts(input.rules);
  const pipes = { name: 'pipes', mountPath: PIPES };
  const files = { name: 'files', mountPath: FILES, readOnly: true };
  const sh = (script: string) => ['sh', '-c', script];
  return {
    configMap: configMap(meta.name, meta.namespace, meta.labels, {
      'dump.sh': scripts.dump,
      'restore.sh': scripts.restore,
      'transformer.js': DATA_TRANSFORMER_SCRIPT,
      'rules.json': JSON.stringify(input.rules),
    }),
    secret: secretOf(meta, {
      [SOURCE_PASSWORD]: source.connection.password,
      [TARGET_PASSWORD]: target.connection.password,
      [TRANSFORM_KEY]: input.transformKey,
    }),
    job: job(
      meta,
      {
        initContainers: [
          waitForTarget(engine, target),
          container(
            'pipes',
            target.image,
            ['mkfifo', '-m', '0666', `${PIPES}/dump`, `${PIPES}/restore`],
            [],
            { resources: WAIT_RESOURCES, volumeMounts: [pipes] },
          ),
        ],
        containers: [
          container(
            'dump',
            source.image,
            sh(`sh ${FILES}/dump.sh > ${PIPES}/dump`),
            [
              ...engine.clientEnv(
                source.connection,
                source.connection.password
                  ? fromSecret(meta, SOURCE_PASSWORD)
                  : undefined,
              ),
              ...engine.readOnlyEnv,
            ],
            { volumeMounts: [pipes, files] },
          ),
          container(
            TRANSFORM_CONTAINER,
            meta.options.transformerImage,
            sh(
              `node ${FILES}/transformer.js < ${PIPES}/dump > ${PIPES}/restore`,
            ),
            [
              { name: 'GREENROOM_DATA_RULES', value: `${FILES}/rules.json` },
              ...engine.transformerEnv(source.connection),
              {
                name: 'GREENROOM_DATA_KEY',
                valueFrom: fromSecret(meta, TRANSFORM_KEY),
              },
            ],
            { volumeMounts: [pipes, files] },
          ),
          container(
            'restore',
            target.image,
            sh(`sh ${FILES}/restore.sh < ${PIPES}/restore`),
            engine.clientEnv(
              target.connection,
              target.connection.password
                ? fromSecret(meta, TARGET_PASSWORD)
                : undefined,
            ),
            { volumeMounts: [pipes, files] },
          ),
        ],
      },
      [
        { name: 'pipes', emptyDir: {} },
        { name: 'files', configMap: { name: meta.name } },
      ],
    ),
  };
}

/**
 * A seed: an SQL script run by the engine's client (`DataEngine.sqlSeed`), or
 * the seed's own image with `DATABASE_URL` and the engine's variables. The
 * URL takes the password by `$(VAR)` reference, so it is never in the spec.
 */
export function renderSeedJob(
  meta: DataJobMeta,
  input: { engine: DataEngine; target: DatabaseSide; seed: DataSeed },
): DataJobObjects {
  const { engine, target, seed } = input;
  const { connection } = target;
  const password = connection.password
    ? fromSecret(meta, TARGET_PASSWORD)
    : undefined;
  const initContainers = [waitForTarget(engine, target)];

  if ('sql' in seed) {
    const files = { name: 'seed', mountPath: SEED_FILES, readOnly: true };
    const run = engine.sqlSeed(SEED_FILES);
    return {
      configMap: configMap(meta.name, meta.namespace, meta.labels, {
        'seed.sql': seed.sql,
        ...run.files,
      }),
      secret: secretOf(meta, { [TARGET_PASSWORD]: connection.password }),
      job: job(
        meta,
        {
          initContainers,
          containers: [
            container(
              'seed',
              target.image,
              run.command,
              engine.clientEnv(connection, password),
              { volumeMounts: [files] },
            ),
          ],
        },
        [{ name: 'seed', configMap: { name: meta.name } }],
      ),
    };
  }

  const user = encodeURIComponent(connection.user);
  const database = encodeURIComponent(connection.database);
  const url = `${engine.urlScheme}://${user}${
    password ? ':$(GREENROOM_DATABASE_PASSWORD)' : ''
  }@${connection.host}:${connection.port}/${database}`;
  return {
    secret: secretOf(meta, {
      [TARGET_PASSWORD]: connection.password,
      [TARGET_PASSWORD_IN_URL]:
        connection.password && encodeURIComponent(connection.password),
    }),
    job: job(
      meta,
      {
        initContainers,
        containers: [
          container('seed', seed.image, seed.command, [
            ...engine.clientEnv(connection, password),
            // Defined before DATABASE_URL, which refers to it.
            ...(password
              ? [
                  {
                    name: 'GREENROOM_DATABASE_PASSWORD',
                    valueFrom: fromSecret(meta, TARGET_PASSWORD_IN_URL),
                  },
                ]
              : []),
            { name: 'DATABASE_URL', value: url },
          ]),
        ],
      },
      [],
    ),
  };
}
