import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';

const NUL = '\u0000';

/** Where the first NUL character is, walking without recursion so that no nesting depth overflows the stack. */
function findNul(root: unknown, rootPath: string): string | undefined {
  const pending: Array<[unknown, string]> = [[root, rootPath]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return path;
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = `${path}/${key.replaceAll(NUL, '\\u0000')}`;
        if (key.includes(NUL)) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * PostgreSQL cannot store a NUL character in text, and no field of this API needs
 * one: requests carrying one are refused with 400 naming where it is.
 */
export function refuseNulCharacters(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  const found = /%00/.test(req.path)
    ? 'request/path'
    : findNul(req.query, 'request/query') ?? findNul(req.body, 'request/body');
  next(
    found
      ? new InputError(`${found} must not contain NUL characters`)
      : undefined,
  );
}
