import { environmentsApiSpec } from '@greenroom/plugin-environments-common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The whole document, so that its `#/components/schemas/…` refs resolve.
ajv.addSchema(environmentsApiSpec, 'openapi.json');

const pointer = (...segments: string[]) =>
  segments.map(s => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** An answer as supertest gives it. */
export interface Answer {
  status: number;
  body: unknown;
  text?: string;
  headers: Record<string, string | undefined>;
}

/**
 * Throws unless the spec documents the answer: its status for the route, and
 * a body valid against that status's schema (or none where it has none).
 */
export function expectConforming(
  method: string,
  path: string,
  answer: Answer,
): void {
  const route = `${method.toUpperCase()} ${path} answered ${answer.status}`;
  const operation = (
    environmentsApiSpec.paths as Record<
      string,
      Record<string, { responses: Record<string, { content?: object }> }>
    >
  )[path]?.[method];
  if (!operation) throw new Error(`The spec has no ${method} ${path}`);
  const documented = operation.responses[String(answer.status)];
  if (!documented) {
    throw new Error(`${route}, which the spec does not document`);
  }
  const mediaType = answer.headers['content-type']?.split(';')[0];
  if (!documented.content) {
    if (answer.text) throw new Error(`${route} with a body the spec has not`);
    return;
  }
  if (!mediaType || !(mediaType in documented.content)) {
    throw new Error(`${route} as ${mediaType}, which the spec does not say`);
  }
  const validate = ajv.getSchema(
    `openapi.json#/${pointer(
      'paths',
      path,
      method,
      'responses',
      String(answer.status),
      'content',
      mediaType,
      'schema',
    )}`,
  );
  if (!validate) throw new Error(`No schema for ${route}`);
  const body = mediaType === 'application/json' ? answer.body : answer.text;
  if (!validate(body)) {
    throw new Error(
      `${route} with a body the spec does not describe: ${ajv.errorsText(
        validate.errors,
      )}`,
    );
  }
}
