import type http from 'node:http';
import type { ResourceType } from './doubleResources';

/** A failure the double answers with, as a Kubernetes `Status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function statusBody(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason,
    message,
    code,
  };
}

export function notFound(message: string) {
  return new HttpError(404, 'NotFound', message);
}

export function notFoundObject(type: ResourceType, name: string) {
  return notFound(`${type.plural} "${name}" not found`);
}

export function conflict(type: ResourceType, name: string) {
  return new HttpError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${type.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** JSON (which apply-patch+yaml bodies from the client are). */
export function parseBody(body: string): Record<string, any> {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'BadRequest', 'the double only reads JSON bodies');
  }
}
