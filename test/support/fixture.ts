import { EmulatorServer, VendorEmulator, startEmulatorServer } from "../../emulator/core";
import { Engine } from "../harness/engine";
import { ProviderHost, Props } from "../harness/providerHost";

export interface Fixture {
  server: EmulatorServer;
  /** The current provider process (replaced by `newCommand`). */
  readonly host: ProviderHost;
  engine: Engine;
  /**
   * Ends the current "CLI command": every `pulumi up`, `refresh` or `destroy`
   * runs in a fresh provider process, so nothing the provider cached survives
   * into the next one. Call it after changing things out of band, as a user's
   * next command would start afresh.
   */
  newCommand(): Promise<void>;
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
  const startHost = async () => {
    const host = await ProviderHost.start({ env });
    await host.configure(config(server));
    return host;
  };
  const engine = new Engine(await startHost());
  return {
    server,
    engine,
    get host() {
      return engine.host;
    },
    async newCommand() {
      await engine.host.stop();
      engine.host = await startHost();
    },
    async stop() {
      await engine.host.stop();
      await server.close();
    },
  };
}
