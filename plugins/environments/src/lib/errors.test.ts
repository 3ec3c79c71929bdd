import { ResponseError } from '@backstage/errors';
import { errorMessage, errorStatus, errorTitle } from './errors';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}

describe('errorMessage', () => {
  it("prefers the backend's message, which names the field", async () => {
    const error = await responseError(400, 'name: must be lower case');
    expect(errorMessage(error)).toBe('name: must be lower case');
  });

  it('falls back to the message of any other error', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('plain')).toBe('plain');
  });
});

describe('errorTitle', () => {
  const titles = {
    byStatus: { 403: 'Not allowed', 409: 'The name is taken' },
    fallback: 'Could not clone',
  };

  it('names what the status means for the action', async () => {
    expect(errorStatus(await responseError(409, 'taken'))).toBe(409);
    expect(errorTitle(await responseError(409, 'taken'), titles)).toBe(
      'The name is taken',
    );
    expect(errorTitle(await responseError(403, 'no'), titles)).toBe(
      'Not allowed',
    );
  });

  it('falls back for other statuses and errors without one', async () => {
    expect(errorTitle(await responseError(500, 'boom'), titles)).toBe(
      'Could not clone',
    );
    expect(errorTitle(new Error('offline'), titles)).toBe('Could not clone');
    expect(errorStatus(undefined)).toBeUndefined();
  });
});
