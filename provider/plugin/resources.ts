// The resource operations of the provider plugin, on property values as the
// engine sends them (see marshal.ts): each one resolves the kind from the
// URN's type token, hands plain values to the kind's bridge
// (provider/dynamic.ts), the same lifecycle code the TypeScript package runs,
// and marks the answer's secrets. The server (server.ts) loads this module
// on the first resource request: it loads zod and the definitions, which the
// plugin's start does not need.
import { Clock } from "../clock";
import { definitionFor as registeredDefinition } from "../dispatch";
import { PropertyDiff, ResourceDefinition, bridge } from "../dynamic";
import { ResourceInitializationError } from "../errors";
import { CREATION_TAG_INPUT, creationTagOf } from "../identity";
import { CheckFailure, UNKNOWN, inputKeysOf } from "../inputs";
import { stderrLogger } from "../log";
import { SettingsSource } from "../settings";
import { Properties, plain, withSecrets } from "./marshal";
import { PACKAGE, kindOfToken, parseUrn } from "./names";

export interface ResourceOptions {
  /** Where settings come from (the Configure request's, then environment variables). */
  settings: SettingsSource;
  /** Default: the process clock. */
  clock?: Clock;
  /** The definition of a kind; default: the vendors' registries (provider/dispatch.ts). */
  definitionFor?: (kind: string) => ResourceDefinition<any, any> | undefined;
}

interface Kind {
  kind: string;
  definition: ResourceDefinition<any, any>;
  bridge: ReturnType<typeof bridge>;
  inputKeys: string[];
  /** What state adds to the inputs: unknown in a preview of a create. */
  stateOnlyKeys: string[];
  secretKeys: readonly string[];
}

export class ResourceOperations {
  private readonly kinds = new Map<string, Kind>();

  constructor(private readonly options: ResourceOptions) {}

  private kindOf(urn: string): Kind {
    const { type } = parseUrn(urn);
    const kind = kindOfToken(type);
    if (kind === undefined) throw new Error(`${type} is not a resource type of ${PACKAGE} (${PACKAGE}:<vendor>:<Resource>)`);
    let known = this.kinds.get(kind);
    if (!known) {
      const definition = this.options.definitionFor ? this.options.definitionFor(kind) : registeredDefinition(kind)?.();
      if (!definition) {
        throw new Error(`${PACKAGE} has no resource type ${type} in this version; the program or the state may need a newer version of the plugin`);
      }
      const inputKeys = inputKeysOf(definition.inputs);
      known = {
        kind,
        definition,
        bridge: bridge(definition, { settings: this.options.settings, logger: stderrLogger, clock: this.options.clock }),
        inputKeys,
        stateOnlyKeys: Object.keys(definition.state.shape).filter((key) => !inputKeys.includes(key)),
        secretKeys: definition.secretProperties ?? [],
      };
      this.kinds.set(kind, known);
    }
    return known;
  }

  /**
   * Validates and normalizes the inputs, and adds the creation tag (see
   * provider/identity.ts) as the resource class does on the dynamic path:
   * from the URN, so the next create after a crash finds the half-made object.
   */
  async check(urn: string, olds: Properties, news: Properties): Promise<{ inputs: Properties; failures: CheckFailure[] }> {
    const { kind, definition, bridge, secretKeys, inputKeys } = this.kindOf(urn);
    const { inputs, failures } = await bridge.check(plain(olds) as Properties, plain(news) as Properties);
    if (definition.createsObjects !== false) inputs[CREATION_TAG_INPUT] = creationTagOfUrn(urn, kind);
    return { inputs: withSecrets(inputs, news, secretKeys.filter((key) => inputKeys.includes(key))), failures };
  }

  /**
   * Compares the new inputs with the old ones: the old inputs merged over
   * the old outputs. The outputs alone would show changes nobody made: an
   * imported resource's outputs lack the write-only inputs (a password) the
   * first `up` set, and state may hold a vendor's form of an input.
   */
  async diff(urn: string, id: string, oldOutputs: Properties, oldInputs: Properties, news: Properties) {
    const { bridge } = this.kindOf(urn);
    const olds = { ...(plain(oldOutputs) as Properties), ...(plain(oldInputs) as Properties) };
    const plainNews = plain(news) as Properties;
    const result = await bridge.diff(id, olds, plainNews);
    return { ...result, detailedDiff: detailedDiffOf(result, olds, plainNews) };
  }

  /** In a preview, the inputs and, unknown, what state adds; else the bridge's create. */
  async create(urn: string, properties: Properties, timeoutSeconds: number, preview: boolean): Promise<{ id: string; properties: Properties }> {
    const { bridge, stateOnlyKeys, secretKeys } = this.kindOf(urn);
    const inputs = plain(properties) as Properties;
    if (preview) {
      const outputs = { ...withoutCreationTag(inputs), ...Object.fromEntries(stateOnlyKeys.map((key) => [key, UNKNOWN])) };
      return { id: "", properties: withSecrets(outputs, properties, secretKeys) };
    }
    try {
      const { id, outs } = await bridge.create(inputs, { timeoutSeconds });
      return { id, properties: withSecrets(outs, properties, secretKeys) };
    } catch (error) {
      throw withSecretsMarked(error, properties, secretKeys);
    }
  }

  /**
   * A refresh, or with neither properties nor inputs an import (`pulumi
   * import`: the id is the import id). Returns the inputs too: an import
   * takes them as the resource's inputs. A gone object has the id "".
   */
  async read(urn: string, id: string, properties: Properties, inputs: Properties): Promise<{ id: string; properties: Properties; inputs: Properties }> {
    const { bridge, inputKeys, secretKeys } = this.kindOf(urn);
    const stored = { ...(plain(inputs) as Properties), ...(plain(properties) as Properties) };
    const result = await bridge.read(id, stored);
    if (result.id === "") return { id: "", properties: {}, inputs: {} };
    const sent = { ...inputs, ...properties };
    return {
      id: result.id,
      properties: withSecrets(result.props, sent, secretKeys),
      inputs: withSecrets(result.inputs ?? {}, sent, secretKeys.filter((key) => inputKeys.includes(key))),
    };
  }

  /**
   * In a preview, the new inputs over the old state: what state adds keeps
   * its old value (marking it unknown would show every resource that uses a
   * zone's id as replaced by a change to the zone's settings). Else the
   * bridge's update of the stored state (old outputs, the old inputs where
   * the outputs lack a value).
   */
  async update(
    urn: string,
    id: string,
    oldOutputs: Properties,
    oldInputs: Properties,
    news: Properties,
    timeoutSeconds: number,
    preview: boolean,
  ): Promise<{ properties: Properties }> {
    const { bridge, stateOnlyKeys, secretKeys } = this.kindOf(urn);
    const sent = { ...oldOutputs, ...news };
    const plainNews = plain(news) as Properties;
    const previous = plain(oldOutputs) as Properties;
    if (preview) {
      const outputs = { ...Object.fromEntries(stateOnlyKeys.map((key) => [key, previous[key]])), ...withoutCreationTag(plainNews) };
      return { properties: withSecrets(outputs, sent, secretKeys) };
    }
    try {
      const { outs } = await bridge.update(id, { ...(plain(oldInputs) as Properties), ...previous }, plainNews, { timeoutSeconds });
      return { properties: withSecrets(outs, sent, secretKeys) };
    } catch (error) {
      throw withSecretsMarked(error, sent, secretKeys);
    }
  }

  async delete(urn: string, id: string, properties: Properties, oldInputs: Properties, timeoutSeconds: number): Promise<void> {
    const { bridge } = this.kindOf(urn);
    await bridge.delete(id, { ...(plain(oldInputs) as Properties), ...(plain(properties) as Properties) }, { timeoutSeconds });
  }
}

/**
 * A resource's creation tag from its URN. A top-level resource gets the tag
 * its class gives it in a TypeScript program (project, stack, kind, name).
 * The URN names a parent by its type only, so a child's tag is made of the
 * chain of its ancestors' types instead of its parent's URN: URNs are
 * unique in a stack, so the parts still name one resource.
 */
export function creationTagOfUrn(urn: string, kind: string): string {
  const { project, stack, parentTypes, name } = parseUrn(urn);
  return parentTypes === "" ? creationTagOf(project, stack, kind, name) : creationTagOf(project, stack, parentTypes, kind, name);
}

function withoutCreationTag(values: Properties): Properties {
  const { [CREATION_TAG_INPUT]: _tag, ...rest } = values;
  return rest;
}

/**
 * Pulumi's per-property diff: the definition's own (finer: a record set
 * inside a map) where it has one for a property, else one entry per changed
 * input.
 */
function detailedDiffOf(
  result: { diffs: string[]; replaces: string[]; detailedDiff?: Record<string, PropertyDiff> },
  olds: Properties,
  news: Properties,
): Record<string, PropertyDiff> {
  const own = result.detailedDiff ?? {};
  const covered = (key: string) => Object.keys(own).some((path) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`));
  const detailed: Record<string, PropertyDiff> = {};
  for (const key of result.diffs) {
    if (covered(key)) continue;
    const replaced = result.replaces.includes(key);
    const absent = (value: unknown) => value === undefined || value === null;
    const kind = absent(olds[key]) ? "add" : absent(news[key]) ? "delete" : "update";
    detailed[key] = { kind: replaced ? `${kind}-replace` : kind, inputDiff: true };
  }
  return { ...detailed, ...own };
}

/** An initialization failure's partial state, its secrets marked as in any answer; other errors as they are. */
function withSecretsMarked(error: unknown, sent: Properties, secretKeys: readonly string[]): unknown {
  if (!(error instanceof ResourceInitializationError)) return error;
  return new ResourceInitializationError(error.id, withSecrets(error.properties, sent, secretKeys), error.reasons);
}
