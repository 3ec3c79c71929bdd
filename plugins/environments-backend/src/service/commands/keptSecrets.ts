import type { Variable } from '@greenroom/plugin-environments-common';

type JsonFields = Record<string, unknown>;

function isObject(value: unknown): value is JsonFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A set secret as the API shows it: `{ key, kind: 'secret', isSet: true }`. */
function isKeptSecret(value: unknown): value is { key: string } {
  return (
    isObject(value) &&
    typeof value.key === 'string' &&
    value.kind === 'secret' &&
    value.isSet === true &&
    value.value === undefined
  );
}

/**
 * Services sent back as the API shows them carry set secrets as
 * `{ key, kind: 'secret', isSet: true }`, without a value. Those are taken out
 * before validation and returned per service without a value, which the
 * store reads as "keep the stored secret" (and refuses for a secret it does
 * not have). What the runtime observed (`observed`), which reads add, is
 * not the caller's to set and is dropped. Anything else stays in the body
 * for the schema to judge.
 */
export function takeKeptSecrets(body: unknown): {
  body: unknown;
  kept: Map<string, Variable[]>;
} {
  const kept = new Map<string, Variable[]>();
  if (!isObject(body) || !Array.isArray(body.services)) return { body, kept };
  const services = body.services.map((sent: unknown) => {
    if (!isObject(sent)) return sent;
    const { observed: _observed, ...service } = sent;
    if (!Array.isArray(service.variables)) return service;
    const keep = service.variables.filter(isKeptSecret);
    if (keep.length > 0 && typeof service.name === 'string') {
      kept.set(
        service.name,
        keep.map(({ key }) => ({ key, kind: 'secret' })),
      );
    }
    return {
      ...service,
      variables: service.variables.filter(
        (variable: unknown) => !isKeptSecret(variable),
      ),
    };
  });
  return { body: { ...body, services }, kept };
}
