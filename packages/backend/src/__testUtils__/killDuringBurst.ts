import { BackendProcess } from './backendProcess';

export interface AcknowledgedWrite {
  id: string;
  title: string;
}

/**
 * Creates incidents through the backend from several clients at once and kills
 * the backend with SIGKILL as soon as `acknowledged` of them have been answered
 * with 2xx; returns those (the ones answered before the kill) and how many
 * requests were sent in all.
 */
export async function killDuringBurst(options: {
  backend: BackendProcess;
  writers: number;
  acknowledged: number;
  incident: (title: string) => object;
}): Promise<{ sent: number; acknowledged: AcknowledgedWrite[] }> {
  const { backend } = options;
  const acknowledged: AcknowledgedWrite[] = [];
  let killed = false;
  let sent = 0;
  let reachedTarget = () => {};
  const target = new Promise<void>(resolve => {
    reachedTarget = resolve;
  });
  const writers = Array.from({ length: options.writers }, async (_, writer) => {
    for (let n = 0; !killed; n++) {
      const title = `Burst ${writer}-${n}`;
      sent += 1;
      try {
        const answer = await backend.call(
          'POST',
          '/incidents',
          options.incident(title),
        );
        if (!killed && answer.status >= 200 && answer.status < 300) {
          acknowledged.push({ id: answer.body.id, title });
          if (acknowledged.length >= options.acknowledged) reachedTarget();
        }
      } catch {
        // The connection died with the backend: not acknowledged.
      }
    }
  });
  await target;
  const counted = [...acknowledged];
  killed = true;
  await backend.kill();
  await Promise.all(writers);
  return { sent, acknowledged: counted };
}

/** The writes that the backend does not return as they were acknowledged. */
export async function missingWrites(
  backend: BackendProcess,
  writes: AcknowledgedWrite[],
): Promise<string[]> {
  const missing: string[] = [];
  for (const { id, title } of writes) {
    const answer = await backend.call('GET', `/incidents/${id}`);
    if (answer.status !== 200 || answer.body.title !== title) {
      missing.push(title);
    }
  }
  return missing;
}
