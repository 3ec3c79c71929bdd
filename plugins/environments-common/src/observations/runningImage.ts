import {
  formatImageReference,
  type ServiceImage,
} from '../catalog/serviceFromComponent';
import type { ServiceObservation } from '../schemas/observation';

const DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//;

/**
 * An image reference split into one spelling per image: Kubernetes reports
 * `nginx:1.27` as `docker.io/library/nginx:1.27`, and an image without a tag
 * runs `latest`.
 */
function parseImage(reference: string): { name: string; digest?: string } {
  const [withTag, digest] = reference.trim().split('@');
  let name = withTag.replace(DOCKER_HUB, '').replace(/^library\//, '');
  const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
  if (!hasTag && !digest) {
    name = `${name}:latest`;
  }
  return { name, digest };
}

function sameImage(a: string, b: string): boolean {
  const left = parseImage(a);
  const right = parseImage(b);
  // A digest tells only when both sides have one: a runtime may add it.
  if (left.digest && right.digest) {
    return left.digest === right.digest;
  }
  return left.name === right.name;
}

/**
 * The image a service actually runs when it is not the one asked for, as
 * during a rollout; undefined when they are the same, when nothing was
 * observed or when no image was asked for (a database runs its engine's).
 *
 * @public
 */
export function runningImageWhenDifferent(service: {
  image?: ServiceImage;
  observed?: Pick<ServiceObservation, 'image'>;
}): string | undefined {
  const running = service.observed?.image;
  if (!running || !service.image) {
    return undefined;
  }
  return sameImage(running, formatImageReference(service.image))
    ? undefined
    : running;
}
