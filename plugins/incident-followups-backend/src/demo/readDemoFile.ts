import { describeValidationError } from '@incident-followups/plugin-incident-followups-common';
import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Reads the demo YAML file against the part of it a seeder stores; a mistake names the file and the field. */
export async function readDemoFile<T extends z.ZodTypeAny>(
  file: string,
  schema: T,
  what: string,
): Promise<z.output<T>> {
  const parsed = schema.safeParse(parseYaml(await fs.readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `Demo incidents file ${file} has ${what}: ${describeValidationError(
        parsed.error,
      )}`,
    );
  }
  return parsed.data;
}
