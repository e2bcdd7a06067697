import { EmulatorServer, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator, GigahostEmulatorOptions } from "../../emulator/gigahost";
import { Engine } from "../harness/engine";
import { ProviderHost, Props, secretValue } from "../harness/providerHost";

export interface GigahostFixture {
  gigahost: GigahostEmulator;
  server: EmulatorServer;
  host: ProviderHost;
  engine: Engine;
  stop(): Promise<void>;
}

/**
 * A Gigahost emulator, a dynamic-provider host configured against it (as
 * `pulumi up` would with `gigahost:apiUrl` and a secret `gigahost:apiKey`),
 * and an engine model holding state between calls.
 */
export async function startGigahost(
  options: GigahostEmulatorOptions = {},
  config: (url: string) => Props = (url) => ({ "gigahost:apiUrl": url, "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
): Promise<GigahostFixture> {
  const gigahost = new GigahostEmulator({ zoneWriteMs: 10, ...options });
  const server = await startEmulatorServer([gigahost]);
  const host = await ProviderHost.start();
  await host.configure(config(server.urlFor("gigahost")));
  return {
    gigahost,
    server,
    host,
    engine: new Engine(host),
    async stop() {
      await host.stop();
      await server.close();
    },
  };
}
