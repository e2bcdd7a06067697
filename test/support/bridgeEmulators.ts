import type { Clock } from "../../provider/clock";
import { ResourceDefinition, bridge } from "../../provider/dynamic";
import { memoryLogger } from "../../provider/log";
import { EmulatorClock, EmulatorServer, VendorEmulator, createEmulatorClock, startEmulatorServer } from "../../emulator/core";

export type Bridge = ReturnType<typeof bridge>;

export interface BridgeEmulators {
  clock: EmulatorClock;
  server: EmulatorServer;
  /** The kind's definition through the bridge, as the provider plugin drives it, configured for the emulators. */
  provider(kind: string): Bridge;
  /** A later CLI command: cached listings (5 s) have expired. */
  nextCommand(): void;
  /** The program's inputs as check gives them to the engine (the test fails on a check failure). */
  checked(kind: string, program: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** `pulumi up` of one resource: check, then create. */
  created(kind: string, program: Record<string, unknown>): Promise<{ id: string; outs: Record<string, any> }>;
  /**
   * `pulumi import`, then what the next preview does: the imported id must be `id`, and the diff
   * against the program shows no change (no replacement) but the `writeOnly` inputs, which the
   * vendor never returns and which do show while the program sets them.
   */
  expectImport(
    kind: string,
    importId: string,
    id: string,
    program: Record<string, unknown>,
    writeOnly?: readonly string[],
  ): Promise<{ id: string; props: Record<string, any>; inputs: Record<string, any>; olds: Record<string, any>; news: Record<string, any> }>;
}

/**
 * Emulators on one local server and the bridge of any kind configured for them, in this process
 * (no provider host): the provider's waits advance the emulators' clock, so a snapshot's three
 * minutes pass at once and no verdict depends on real time.
 */
export async function startBridgeEmulators(
  build: (clock: EmulatorClock) => VendorEmulator[],
  config: (server: EmulatorServer) => Record<string, string>,
  kinds: Record<string, () => ResourceDefinition<any, any>>,
): Promise<BridgeEmulators> {
  const emulatorClock = createEmulatorClock();
  const clock: Clock = { now: () => emulatorClock.now(), sleep: async (ms) => emulatorClock.advance(ms) };
  const server = await startEmulatorServer(build(emulatorClock));
  const settings = config(server);
  const provider = (kind: string) => {
    if (!kinds[kind]) throw new Error(`no resource kind ${kind}`);
    return bridge(kinds[kind](), { settings: (key) => settings[key], clock, logger: memoryLogger() });
  };
  const nextCommand = () => emulatorClock.advance(60_000);
  const checked = async (kind: string, program: Record<string, unknown>) => {
    const { inputs, failures } = await provider(kind).check({}, program);
    expect(failures).toEqual([]);
    return inputs;
  };
  return {
    clock: emulatorClock,
    server,
    provider,
    nextCommand,
    checked,
    async created(kind, program) {
      const result = await provider(kind).create(await checked(kind, program));
      nextCommand();
      return result;
    },
    async expectImport(kind, importId, id, program, writeOnly = []) {
      const imported = (await provider(kind).read(importId, {})) as { id: string; props: Record<string, any>; inputs: Record<string, any> };
      expect(imported.id).toBe(id);
      const olds = { ...imported.props, ...imported.inputs };
      const news = await checked(kind, program);
      const withoutWriteOnly = Object.fromEntries(Object.entries(news).filter(([key]) => !writeOnly.includes(key)));
      expect(await provider(kind).diff(id, olds, withoutWriteOnly)).toMatchObject({ changes: false, replaces: [] });
      if (writeOnly.length > 0) expect(await provider(kind).diff(id, olds, news)).toMatchObject({ changes: true, replaces: [] });
      nextCommand();
      return { ...imported, olds, news };
    },
  };
}
