import type { StateEntry } from "../harness/engine";
import type { ProviderHost } from "../harness/providerHost";

/**
 * For state whose object no longer exists: a read reports it gone (no id) and
 * a delete, as a retried destroy sends it, succeeds.
 */
export async function expectReadGoneAndDeleteSucceeds(host: ProviderHost, entry: StateEntry, urn: string): Promise<void> {
  expect((await host.read(entry.id, urn, entry.outputs, entry.inputs)).id).toBe("");
  await host.delete(entry.id, urn, entry.outputs);
}
