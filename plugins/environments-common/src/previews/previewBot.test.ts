import {
  parseBotUserRef,
  parsePreviewBotRef,
  WAKE_BOT_CONFIG_KEY,
} from './previewBot';

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

describe('parseBotUserRef', () => {
  it('names the key it read', () => {
    expect(parseBotUserRef('wake-bot', WAKE_BOT_CONFIG_KEY)).toBe(
      'user:default/wake-bot',
    );
    expect(() =>
      parseBotUserRef('group:default/bots', WAKE_BOT_CONFIG_KEY),
    ).toThrow("Invalid environments.wake.actAs: 'group:default/bots'");
  });
});
