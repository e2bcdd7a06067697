import { EmulatorServer, EmulatorServerOptions, VendorEmulator, startEmulatorServer } from "../../emulator/core";
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
  /**
   * Stops the provider process and the emulator server. A provider process
   * still starting (a test that outlived its timeout may be inside
   * `newCommand`) is stopped as soon as it is up, and no new one starts.
   */
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
  options: { timeScale?: number; env?: NodeJS.ProcessEnv; server?: EmulatorServerOptions } = {},
): Promise<Fixture> {
  const server = await startEmulatorServer(emulators, options.server);
  // With timeScale, build emulators on createEmulatorClock({ scale }) with the same value.
  const env = {
    PATH: process.env.PATH ?? "",
    ...(options.timeScale ? { EURO_HOSTING_TIME_SCALE: String(options.timeScale) } : {}),
    ...options.env,
  };
  let stopped = false;
  const startHost = async () => {
    const host = await ProviderHost.start({ env });
    try {
      if (stopped) throw new Error("fixture stopped: no new provider process");
      await host.configure(config(server));
    } catch (error) {
      await host.stop();
      throw error;
    }
    return host;
  };
  let engine: Engine;
  try {
    engine = new Engine(await startHost());
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    engine,
    get host() {
      return engine.host;
    },
    async newCommand() {
      await engine.host.stop();
      engine.host = await startHost();
      if (stopped) await engine.host.stop();
    },
    async stop() {
      stopped = true;
      await engine.host.stop();
      await server.close();
    },
  };
}
