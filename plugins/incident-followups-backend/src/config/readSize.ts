import { Config } from '@backstage/config';
import bytes from 'bytes';

/**
 * An optional size in bytes, given as bytes or as a size such as `512kb` or
 * `1mb`; anything else, or less than `minBytes`, is an error naming the key.
 */
export function readSize(
  config: Config,
  key: string,
  options: { defaultBytes: number; minBytes: number; example: string },
): number {
  if (!config.has(key)) return options.defaultBytes;
  const value = config.get(key);
  const size =
    typeof value === 'number' || typeof value === 'string'
      ? bytes.parse(value)
      : null;
  if (size === null || !Number.isInteger(size) || size < options.minBytes) {
    throw new Error(
      `Invalid configuration: ${key} must be a size of at least ${bytes
        .format(options.minBytes, { unitSeparator: '' })
        ?.toLowerCase()}, such as ${options.example}, not ${JSON.stringify(
        value,
      )}`,
    );
  }
  return size;
}
