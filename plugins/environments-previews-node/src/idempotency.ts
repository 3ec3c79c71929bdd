import type { ChangeRequestRef } from './ChangeRequestProvider';

/**
 * The `Idempotency-Key` of one change caused by one webhook delivery:
 * `<provider>:<delivery id>:<action>`, so a redelivered webhook repeats
 * nothing. Without a delivery id, the key is made of what identifies the
 * event (`fallback`: the head sha of a push, the id of a comment).
 *
 * @public
 */
export function idempotencyKey(options: {
  provider: string;
  deliveryId?: string;
  changeRequest: Pick<ChangeRequestRef, 'repository' | 'number'>;
  action: string;
  fallback: string;
}): string {
  const { provider, deliveryId, changeRequest, action, fallback } = options;
  if (deliveryId) return `${provider}:${deliveryId}:${action}`;
  return `${provider}:${changeRequest.repository}#${changeRequest.number}:${action}:${fallback}`;
}
