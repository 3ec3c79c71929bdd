import { parsePreviewBotRef } from './previewBot';

describe('parsePreviewBotRef', () => {
  it('gives the full, lower-case user ref', () => {
    expect(parsePreviewBotRef(' user:default/Preview-Bot ')).toBe(
      'user:default/preview-bot',
    );
    expect(parsePreviewBotRef('preview-bot')).toBe('user:default/preview-bot');
  });

  it('refuses refs of other kinds and malformed ones, naming the key', () => {
    expect(() => parsePreviewBotRef('group:default/platform')).toThrow(
      "Invalid environments.github.actAs: 'group:default/platform' is not a user entity ref",
    );
    expect(() => parsePreviewBotRef('user:')).toThrow(
      'Invalid environments.github.actAs',
    );
  });
});
