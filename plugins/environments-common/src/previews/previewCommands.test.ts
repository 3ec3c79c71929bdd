import { parsePreviewCommand, PreviewCommandError } from './previewCommands';

describe('parsePreviewCommand', () => {
  it.each([
    ['/preview', { action: 'deploy' }],
    ['  /preview  ', { action: 'deploy' }],
    ['/preview stop', { action: 'stop' }],
    ['/preview start', { action: 'start' }],
    ['/preview destroy', { action: 'destroy' }],
    ['/preview extend 2d', { action: 'extend', by: '2d', byMs: 2 * 86400000 }],
    [
      '/preview extend 1h 30m',
      { action: 'extend', by: '1h30m', byMs: 90 * 60000 },
    ],
    ['Looks good!\r\n/preview stop\nthanks', { action: 'stop' }],
  ])('reads %j', (body, expected) => {
    expect(parsePreviewCommand(body)).toEqual(expected);
  });

  it.each(['LGTM', '/previews', 'please run /preview', ''])(
    'ignores %j',
    body => {
      expect(parsePreviewCommand(body)).toBeUndefined();
    },
  );

  it.each([
    ['/preview restart', "Unknown preview command 'restart'"],
    ['/preview extend', "'/preview extend' needs a duration"],
    ['/preview extend soon', 'Invalid duration'],
    ['/preview stop now', "'/preview stop' takes no argument"],
  ])('answers %j with usage', (body, message) => {
    expect(() => parsePreviewCommand(body)).toThrow(PreviewCommandError);
    expect(() => parsePreviewCommand(body)).toThrow(message);
    expect(() => parsePreviewCommand(body)).toThrow('Usage: /preview');
  });
});
