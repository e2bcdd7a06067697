import { EmulatorServer, VendorEmulator, startEmulatorServer } from "../../emulator/core";
import { Engine } from "../harness/engine";
import { ProviderHost, Props } from "../harness/providerHost";

export interface Fixture {
  server: EmulatorServer;
  host: ProviderHost;
  engine: Engine;
  stop(): Promise<void>;
}

/**
 * Emulators on one local server, a dynamic-provider host configured against
 * them (the stack config `pulumi up` would send, e.g. `zoneid:apiUrl` and a
 * secret `zoneid:apiKey`), and an engine model holding state between calls.
 */
export async function startFixture(
  emulators: VendorEmulator[],
  config: (server: EmulatorServer) => Props,
  options: { timeScale?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Fixture> {
  const server = await startEmulatorServer(emulators);
  // With timeScale, build emulators on createEmulatorClock({ scale }) with the same value.
  const env = {
    PATH: process.env.PATH ?? "",
    ...(options.timeScale ? { EURO_HOSTING_TIME_SCALE: String(options.timeScale) } : {}),
    ...options.env,
  };
  const host = await ProviderHost.start({ env });
  await host.configure(config(server));
  return {
    server,
    host,
    engine: new Engine(host),
    async stop() {
      await host.stop();
      await server.close();
    },
  };
}
