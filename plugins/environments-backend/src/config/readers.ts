import type { Config } from '@backstage/config';
import { parseDuration } from '@greenroom/plugin-environments-common';
import type { QuantityLimit } from './readLimits';

// Readers of single config values; each error names the key.

export function readDurationMs(config: Config, key: string, fallback: string) {
  return readDuration(key, config.getOptionalString(key) ?? fallback);
}

export function readDuration(key: string, text: string) {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
}

export function readWholeNumber(
  config: Config,
  key: string,
  fallback: number,
  range: { min: number; max?: number },
) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (
    !Number.isInteger(value) ||
    value < range.min ||
    (range.max !== undefined && value > range.max)
  ) {
    throw new Error(
      `${key}: must be a whole number ${
        range.max === undefined
          ? `of at least ${range.min}`
          : `between ${range.min} and ${range.max}`
      }`,
    );
  }
  return value;
}

export function readQuantity(
  config: Config,
  key: string,
  fallback: string,
  parse: (text: string) => number,
): QuantityLimit {
  const text = config.getOptionalString(key) ?? fallback;
  try {
    const value = parse(text);
    if (value > 0) return { text, value };
  } catch {
    // named below
  }
  throw new Error(
    `${key}: must be a positive quantity such as '${fallback}', got '${text}'`,
  );
}

export function readHostSuffix(config: Config, key: string) {
  const text = config.getOptionalString(key);
  return text === undefined ? undefined : checkHostSuffix(key, text);
}

const HOST_SUFFIX =
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** `.example.com` or `Example.com` → `example.com`. */
export function checkHostSuffix(key: string, text: string) {
  const suffix = text.trim().toLowerCase().replace(/^\./, '');
  if (!HOST_SUFFIX.test(suffix)) {
    throw new Error(`${key}: must be a DNS name such as 'apps.example.com'`);
  }
  return suffix;
}
