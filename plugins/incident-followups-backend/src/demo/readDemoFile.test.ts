import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readDemoFile } from './readDemoFile';

describe('readDemoFile', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'incidents.yaml');
  const schema = z.object({
    incidents: z.array(z.object({ id: z.string().uuid('must be a UUID') })),
  });

  it('reads the part of the file a seeder stores', async () => {
    writeFileSync(
      file,
      'incidents:\n  - id: 6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001\n',
    );
    expect(await readDemoFile(file, schema, 'an invalid incident')).toEqual({
      incidents: [{ id: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001' }],
    });
  });

  it('names the file and the field of a mistake', async () => {
    writeFileSync(file, 'incidents:\n  - id: not-a-uuid\n');
    await expect(
      readDemoFile(file, schema, 'an invalid incident'),
    ).rejects.toThrow(
      new RegExp(
        `Demo incidents file ${file} has an invalid incident: .*incidents\\.0\\.id.*must be a UUID`,
      ),
    );
  });
});
