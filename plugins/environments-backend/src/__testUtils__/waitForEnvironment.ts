import request from 'supertest';

/**
 * Polls `GET /api/environments/environments/{name}` on a test backend until
 * the environment has `status`, and returns it; fails after `timeoutMs`.
 * Tests that write a ledger of their own wait for the create's apply this
 * way, because the apply closes the environment's open intervals.
 */
export async function waitForEnvironmentStatus(
  server: Parameters<typeof request>[0],
  name: string,
  status: string,
  timeoutMs = 20_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    const res = await request(server).get(
      `/api/environments/environments/${name}`,
    );
    last = res.body.status;
    if (last === status) return res.body;
    if (Date.now() > deadline) {
      throw new Error(
        `environment ${name} is ${last} after ${timeoutMs} ms, not ${status}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
