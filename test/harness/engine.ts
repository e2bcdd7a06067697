import * as pulumi from "@pulumi/pulumi";
import { ProviderCallError, ProviderHost, Props, SECRET_SIG, SECRET_SIG_KEY } from "./providerHost";

/** A resource as a Pulumi program registered it: its type token and its inputs, `__provider` included. */
export interface ProgramResource {
  urn: string;
  type: string;
  name: string;
  inputs: Props;
}

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns the
 * resources it registered, with the serialized provider each one carries:
 * exactly what the engine would receive from the language host.
 */
export async function runProgram(
  program: () => pulumi.Resource[] | void,
  state?: Map<string, StateEntry>,
  options: { preview?: boolean } = {},
): Promise<ProgramResource[]> {
  const registered: ProgramResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const urn = `urn:pulumi:test::euro-hosting::${args.type}::${args.name}`;
        registered.push({ urn, type: args.type, name: args.name, inputs: withUnknownSentinels(args.inputs) as Props });
        // Resources already deployed answer with their real outputs, so that
        // resources depending on them see real ids.
        const deployed = state?.get(urn);
        if (deployed) {
          const { __provider, ...outputs } = deployed.outputs;
          return { id: deployed.id, state: outputs };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "euro-hosting",
    "test",
    // In preview, outputs of resources not deployed yet are unknown (applies on them do not run).
    options.preview ?? false,
  );
  const resources = program() ?? [];
  await Promise.all(resources.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
  // Registrations of resources the program did not return: wait for the SDK's RPC queue to drain.
  await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
  return registered;
}

/** One program resource; fails when the program registered more or fewer. */
export async function programResource(create: () => pulumi.Resource): Promise<ProgramResource> {
  const [resource, ...rest] = await runProgram(() => [create()]);
  if (!resource || rest.length) throw new Error(`expected one resource, got ${rest.length + (resource ? 1 : 0)}`);
  return resource;
}

export interface StateEntry {
  urn: string;
  type: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** Set when create (or a later update) failed to initialise the object: the engine keeps it and updates it next time. */
  initErrors?: string[];
}

export class CheckFailedError extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

export type StepResult = { operation: "create" | "update" | "replace" | "same"; entry: StateEntry };

/**
 * The per-resource part of the Pulumi engine: the calls `pulumi up`,
 * `preview`, `refresh` and `destroy` make to a provider, and the state they
 * keep between them.
 */
export class Engine {
  readonly state = new Map<string, StateEntry>();

  /** The provider process serving this "command"; a test may replace it between commands. */
  constructor(public host: ProviderHost) {}

  entry(urn: string): StateEntry {
    const entry = this.state.get(urn);
    if (!entry) throw new Error(`no state for ${urn}`);
    return entry;
  }

  async preview(resource: ProgramResource) {
    const old = this.state.get(resource.urn);
    const checked = await this.checked(resource, old);
    if (!old) return { changes: "some" as const, replaces: [] as string[], deleteBeforeReplace: false };
    return this.host.diff(old.id, resource.urn, old.outputs, checked);
  }

  async up(resource: ProgramResource): Promise<StepResult> {
    const old = this.state.get(resource.urn);
    const checked = await this.checked(resource, old);
    if (!old) return { operation: "create", entry: await this.create(resource, checked) };
    const diff = await this.host.diff(old.id, resource.urn, old.outputs, checked);
    // Like the engine's step generator: an unchanged resource with init errors gets an (empty) update.
    if (diff.changes === "none" && !old.initErrors) {
      const entry = { ...old, inputs: checked };
      this.state.set(resource.urn, entry);
      return { operation: "same", entry };
    }
    if (diff.replaces.length === 0) {
      let properties: Props;
      try {
        ({ properties } = await this.host.update(old.id, resource.urn, old.outputs, checked));
      } catch (error) {
        if (error instanceof ProviderCallError && error.initFailure) {
          this.state.set(resource.urn, { ...old, inputs: checked, outputs: error.initFailure.properties, initErrors: error.initFailure.reasons });
        }
        throw error;
      }
      const { initErrors, ...rest } = old;
      const entry = { ...rest, inputs: checked, outputs: properties };
      this.state.set(resource.urn, entry);
      return { operation: "update", entry };
    }
    if (diff.deleteBeforeReplace) {
      await this.destroy(resource.urn);
      return { operation: "replace", entry: await this.create(resource, checked) };
    }
    const entry = await this.create(resource, checked);
    await this.host.delete(old.id, resource.urn, old.outputs);
    return { operation: "replace", entry };
  }

  /** `pulumi refresh` of one resource: returns the entry after, or undefined when the provider says it is gone. */
  async refresh(urn: string): Promise<StateEntry | undefined> {
    const old = this.entry(urn);
    const result = await this.host.read(old.id, urn, old.outputs, old.inputs);
    if (!result.id) {
      this.state.delete(urn);
      return undefined;
    }
    const entry = { ...old, id: result.id, outputs: result.properties, inputs: result.inputs ?? old.inputs };
    this.state.set(urn, entry);
    return entry;
  }

  async destroy(urn: string): Promise<void> {
    const old = this.entry(urn);
    await this.host.delete(old.id, urn, old.outputs);
    this.state.delete(urn);
  }

  private async checked(resource: ProgramResource, old: StateEntry | undefined): Promise<Props> {
    // The dynamic provider answers Configure with acceptSecrets=false, so the
    // engine sends it plain values: secrets are unwrapped here likewise.
    const { inputs, failures } = await this.host.check(resource.urn, old?.inputs ?? {}, withoutSecretWrappers(resource.inputs) as Props);
    if (failures.length) throw new CheckFailedError(failures);
    return inputs;
  }

  private async create(resource: ProgramResource, inputs: Props): Promise<StateEntry> {
    try {
      const { id, properties } = await this.host.create(resource.urn, inputs);
      const entry = { urn: resource.urn, type: resource.type, id, inputs, outputs: properties };
      this.state.set(resource.urn, entry);
      return entry;
    } catch (error) {
      // Like the engine: an initialization failure keeps the object's id and partial state.
      if (error instanceof ProviderCallError && error.initFailure) {
        const { id, properties } = error.initFailure;
        const initErrors = error.initFailure.reasons.length ? error.initFailure.reasons : [error.message];
        this.state.set(resource.urn, { urn: resource.urn, type: resource.type, id, inputs, outputs: properties, initErrors });
      }
      throw error;
    }
  }
}

/** Replaces Pulumi's secret envelopes (`{ <sig>: <secret sig>, value }`) by their values. */
export function withoutSecretWrappers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecretWrappers);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIG_KEY] === SECRET_SIG) return withoutSecretWrappers(record.value);
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, withoutSecretWrappers(item)]));
  }
  return value;
}

/** Values unknown during preview reach providers as this sentinel (see provider/dynamic.ts UNKNOWN). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function withUnknownSentinels(value: unknown): unknown {
  if (pulumi.Output.isInstance(value)) return UNKNOWN_SENTINEL;
  if (value && typeof value === "object" && (value as { __pulumiUnknown?: boolean }).__pulumiUnknown) return UNKNOWN_SENTINEL;
  if (Array.isArray(value)) return value.map(withUnknownSentinels);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUnknownSentinels(item)]));
  }
  return value;
}

/** Whether any input is still unknown: the engine registers such a resource only once its dependencies are done. */
export function hasUnknownInputs(value: unknown): boolean {
  if (value === UNKNOWN_SENTINEL) return true;
  if (Array.isArray(value)) return value.some(hasUnknownInputs);
  if (value && typeof value === "object") return Object.values(value).some(hasUnknownInputs);
  return false;
}
