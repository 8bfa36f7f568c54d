import { InputError, isError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { resolveRef } from '../schema/openApiSpec';

const ADDITIONAL =
  /^request\/body((?:\/[^\s/]+)*) must NOT have additional properties$/;

/** The keys of the object at `path` in the body that its schema does not list. */
function unknownKeys(spec: any, schema: any, body: any, path: string[]) {
  let node = resolveRef(spec, schema);
  let value = body;
  for (const segment of path) {
    node = resolveRef(
      spec,
      node?.type === 'array' ? node.items : node?.properties?.[segment],
    );
    value = value?.[segment];
  }
  if (!node?.properties || !value || typeof value !== 'object') return [];
  return Object.keys(value).filter(key => !(key in node.properties));
}

/**
 * The OpenAPI validation says an object has fields it does not allow, but not
 * which: this adds their names to the message.
 */
export function nameUnknownFields(spec: any) {
  return (error: unknown, req: Request, _res: Response, next: NextFunction) => {
    const match =
      isError(error) && error.name === 'InputError'
        ? ADDITIONAL.exec(error.message)
        : null;
    const route = (req as { openapi?: { openApiRoute?: string } }).openapi
      ?.openApiRoute;
    if (!match || !route) {
      next(error);
      return;
    }
    const operation = spec.paths[route]?.[req.method.toLowerCase()];
    const keys = unknownKeys(
      spec,
      operation?.requestBody?.content?.['application/json']?.schema,
      req.body,
      match[1].split('/').filter(Boolean),
    );
    next(
      keys.length
        ? new InputError(
            `${(error as Error).message}: ${keys
              .map(k => `'${k}'`)
              .join(', ')}`,
          )
        : error,
    );
  };
}
