import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Clock, processClock } from "./clock";
import { Operation, OperationDeadline, enterDeadline, operationDeadline, runWithDeadline } from "./deadline";
import { parseDuration } from "./duration";
import { ResourceInitializationError, camelCaseField, namingFieldsAs } from "./errors";
import { CREATION_TAG_INPUT, noteObjectInState, runAsKind } from "./identity";
import { CheckFailure, UNKNOWN, containsUnknown, definedOnly, inputKeysOf, sameValue, validateInputs } from "./inputs";
import { Logger, stderrLogger } from "./log";
import { redact, registerSecret } from "./redact";
import { SettingsSource, providerConfigSource } from "./settings";
import { StateMigration, parseStoredState } from "./storedState";

/**
 * The provider stub Pulumi stores in state for every resource, twice (in its
 * inputs and its outputs, as `__provider`): the source of a CommonJS module
 * whose `handler()` returns the provider, the form Pulumi's dynamic-provider
 * host loads (`requireFromString(stub).handler()`, one provider per distinct
 * stub text in each provider process).
 *
 * It is written out here rather than made by Pulumi's closure serializer
 * (what `pulumi.dynamic.Resource` does with a provider object): the
 * serializer wraps every function in about 170 bytes of scaffolding, so a
 * provider with seven methods costs at least 2.2 KB however small each
 * method is (3.4 KB for the 0.1.0 and 0.2.0 stubs); this text is about
 * 500 bytes. See docs/state-compatibility.md.
 *
 * The stub holds nothing but the `kind` string: no client, no schema, no
 * setting, no credential. When the host loads it, it requires the installed
 * package and returns that package's current implementation of the kind. Because state
 * holds only this stub, old state always runs the installed code: keep the
 * `./internal/dispatch` export and the state format backward compatible
 * (stubs of older versions, still in state, load the same export).
 *
 * Resolution: the package installed under node_modules (found from the
 * provider process's working directory, the Pulumi program's), else the
 * checkout of this package that contains that directory (a program inside
 * this repository), located by walking up to its package.json.
 */
export function providerStub(kind: string): string {
  // Stored twice per resource, and JSON-escaped in state: short names, no
  // double quotes or newlines. Read with STUB_PARTS' comments.
  if (!/^[a-z]+:[A-Za-z0-9]+$/.test(kind)) throw new Error(`resource kind "${kind}" is not of the form vendor:Resource`);
  return `const k='${kind}',n='pulumi-euro-hosting',e='/internal/dispatch';` + STUB_PARTS.join("");
}

const STUB_PARTS = [
  // d(): the dispatch module. First the package installed under the program's node_modules
  // (requireFromString's `require` resolves from the working directory) …
  "const d=()=>{try{return require(n+e)}catch(x){if(!/^(MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED)$/.test(x.code))throw x}",
  // … else the checkout of this package containing the program: the first directory upwards
  // whose package.json is ours; its `exports['./internal/dispatch']` …
  "for(let r=process.cwd(),q;;r=q){let m;try{m=require(r+'/package.json')}catch{}",
  "if(m?.name==n)return require(r+'/'+m.exports['.'+e].default);",
  // … else, at the file system's root, the error that says what to do.
  "if((q=require('path').dirname(r))==r)throw Error(`${k}: cannot load ${n}; install it in the Pulumi program (npm install ${n})`)}};",
  // The provider is the kind's current implementation (configure, check, diff, create, read,
  // update, delete): the host calls handler() inside each call it serves, so a failure to load
  // is that call's error, and it caches the provider only once loaded.
  "exports.handler=()=>d().implementationFor(k)",
];

/** A resource's options with its definition's secret properties added to `additionalSecretOutputs`. */
export function withSecretOutputs(
  definition: { secretProperties?: readonly string[] },
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...(definition.secretProperties ?? [])] };
}

export type { Operation } from "./deadline";

/** Every resource that waits accepts `timeouts` (Pulumi's customTimeouts never reach dynamic providers). */
export const timeoutsInput = z
  .object({
    create: z.string().optional(),
    update: z.string().optional(),
    delete: z.string().optional(),
  })
  .strict()
  .superRefine((timeouts, context) => {
    for (const [operation, text] of Object.entries(timeouts)) {
      if (text !== undefined && parseDuration(text) === undefined) {
        context.addIssue({
          code: "custom",
          path: [operation],
          message: `"${text}" is not a duration; write it like "90s", "10m" or "1h30m"`,
        });
      }
    }
  })
  .optional();

export type TimeoutsInput = z.infer<typeof timeoutsInput>;

/**
 * What create, read and update return: the state, where a property that is
 * also an input (an output users read back, e.g. a record's `name`) may be
 * left to the inputs, which the bridge stores beneath it.
 */
export type Produced<Inputs, State> = Omit<State, keyof Inputs> & Partial<Pick<State, Extract<keyof State, keyof Inputs>>>;

/**
 * What resource code receives besides its inputs and state: the operation
 * object. It carries settings, logger and clock, and the operation's one
 * deadline (see provider/deadline.ts): every wait (`waitFor(…, { deadline:
 * context })`) and every retry sleep of the operation draws from it. (The
 * per-request timeout is a separate setting: EURO_HOSTING_REQUEST_TIMEOUT.)
 */
export interface OperationContext extends OperationDeadline {
  settings: SettingsSource;
  logger: Logger;
  clock: Clock;
  /**
   * The resource's creation tag (see provider/identity.ts), given to create:
   * what create writes at the vendor so that the next create after a crash
   * finds the half-made object. Undefined for programs of older versions.
   */
  readonly creationTag?: string;
}

/** An operation object whose deadline starts now: `budgetMs` from now on `clock`. */
export function operationContext(
  operation: Operation,
  budgetMs: number,
  parts: { settings: SettingsSource; logger: Logger; clock: Clock; configured?: boolean; fromEngine?: boolean; creationTag?: string },
): OperationContext {
  const deadline = operationDeadline(operation, budgetMs, parts.clock, parts.configured ?? false, parts.fromEngine ?? false);
  return {
    ...deadline,
    settings: parts.settings,
    logger: parts.logger,
    clock: parts.clock,
    creationTag: parts.creationTag,
  };
}

/**
 * One resource kind, as resource files define it: its input schema, its
 * state schema, which inputs force a replacement, and its lifecycle. The
 * bridge below turns it into Pulumi's provider protocol; resourceClass
 * (provider/resourceClass.ts) into the class users construct.
 */
export interface ResourceDefinition<
  Inputs extends Record<string, unknown>,
  StateSchema extends z.ZodObject<any>,
  State = z.output<StateSchema>,
> {
  /** "vendor:Resource": the Pulumi type token's module and type (see provider/resourceClass.ts). */
  kind: string;
  /**
   * The collection of vendor objects this kind's resources hold ids in
   * (provider/identity.ts); default: the kind. Kinds that manage objects of
   * one collection name the same one, so that an object one of them holds
   * is never taken by another's create as its half-made object (a server a
   * gigahost:Server resource manages is not a gigahost:DeployedServer's
   * interrupted deployment).
   */
  holds?: string;
  /** Validates and normalizes inputs in `check`; no network. */
  inputs: z.ZodType<Inputs, any>;
  /**
   * What the resource adds to its inputs in state, declared once: the class's
   * outputs (with their doc comments) and the check of stored state on read,
   * update and delete come from it (provider/storedState.ts).
   */
  state: StateSchema;
  /** Named repairs of stored state an older version wrote that no longer fits `state`. */
  migrations?: readonly StateMigration[];
  /** False for kinds that only take over what exists at the vendor: their class carries no creation tag. */
  createsObjects?: boolean;
  /** Inputs whose change replaces the object. */
  replaceOnChanges: readonly (keyof Inputs & string)[];
  /** Inputs that never cause a diff: used at create only, or only steer behaviour (adopt, timeouts). */
  ignoreChanges?: readonly (keyof Inputs & string)[];
  /**
   * Inputs and state properties that hold secrets (passwords, keys). Their
   * values are registered for redaction before every operation, and the
   * class lists them in `additionalSecretOutputs`.
   */
  secretProperties?: readonly ((keyof Inputs | keyof State) & string)[];
  /**
   * The input property a request field named in a vendor's refusal concerns;
   * by default the field in camelCase (`require_ssl` → `requireSsl`).
   */
  inputForField?: (field: string) => string;
  /** Set where the vendor forbids two live copies (e.g. a unique name). */
  deleteBeforeReplace?: boolean;
  /** Default deadlines per operation, in ms. */
  defaultTimeouts?: Partial<Record<Operation, number>>;
  /**
   * How an existing object of this kind is imported (`pulumi import`, through
   * the provider plugin): the import id users write, and what a read needs
   * from it. Every kind declares either this or `notImportable`.
   */
  importId?: ImportId;
  /** Why this kind cannot be imported (e.g. it orders a one-off action), said to users as is. */
  notImportable?: string;
  /**
   * Per-property detail of a diff, for a preview finer than the input
   * properties: e.g. one entry per record set, `recordSets["www A"]`. Keys
   * are property paths; values Pulumi's PropertyDiff. Pure, like diff.
   * Pulumi's dynamic-provider host (@pulumi/pulumi 3.248,
   * cmd/dynamic-provider/index.js) forwards only `changes`, `replaces` and
   * `deleteBeforeReplace` of a diff and drops this map; the engine then shows
   * its own diff of the old and new inputs, which for a map-shaped input
   * names each changed key. The bridge hands it on so that a host that
   * forwards it shows it.
   */
  detailedDiff?(olds: Record<string, unknown>, news: Record<string, unknown>): Record<string, PropertyDiff>;
  /** Rules that compare old and new inputs, e.g. "storage can only grow". */
  checkChange?(olds: Inputs, news: Inputs): CheckFailure[];
  create(inputs: Inputs, context: OperationContext): Promise<{ id: string; state: Produced<Inputs, State> }>;
  /** Returns the live state, or undefined when the object no longer exists. */
  read(id: string, state: Inputs & State, context: OperationContext): Promise<Produced<Inputs, State> | undefined>;
  update(id: string, olds: Inputs & State, news: Inputs, context: OperationContext): Promise<Produced<Inputs, State>>;
  /** Must succeed when the object is already gone. */
  delete(id: string, state: Inputs & State, context: OperationContext): Promise<void>;
}

/**
 * A kind's import id: the text after the type and name in `pulumi import
 * <type> <name> <id>`. `parse` turns it into the resource id the kind stores
 * and the stored state its `read` needs to find the object (a record's zone,
 * say), or throws an Error that names the format. Read then fills every
 * input it can read back, so that the imported inputs match the program.
 */
export interface ImportId {
  /** The format as documented, e.g. "zoneId/recordId". */
  format: string;
  /** An example, e.g. "example.com/12345". */
  example: string;
  parse(importId: string): { id: string; state: Record<string, unknown> };
}

/** The import id of a kind whose resource id alone finds the object. */
export function importByResourceId(format: string, example: string): ImportId {
  return {
    format,
    example,
    parse(importId) {
      if (importId.trim() === "") throw new Error(`the import id is empty; write it as ${format}, e.g. ${example}`);
      return { id: importId, state: {} };
    },
  };
}

/**
 * The import id of a kind whose read needs more than the resource id: `format`
 * names its parts separated by "/" ("zone/recordId"); `toResource` maps the
 * parts, in that order, to the resource id and the stored state read needs.
 */
export function importByParts(
  format: string,
  example: string,
  toResource: (parts: string[]) => { id: string; state: Record<string, unknown> },
): ImportId {
  const count = format.split("/").length;
  return {
    format,
    example,
    parse(importId) {
      const parts = importId.split("/");
      if (parts.length !== count || parts.some((part) => part.trim() === "")) {
        throw new Error(count === 1 ? `it is one non-empty name, without "/"` : `it needs ${count} non-empty parts separated by "/"`);
      }
      return toResource(parts);
    },
  };
}

/**
 * What the provider plugin passes besides the engine's request: the
 * operation's timeout (the resource's `customTimeouts`), in seconds; 0 or
 * absent: none given.
 */
export interface RequestOptions {
  timeoutSeconds?: number;
}

/** Pulumi's PropertyDiff (provider.proto): the kind of change at one property path. */
export interface PropertyDiff {
  kind: "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";
  inputDiff: boolean;
}

export interface BridgeOptions {
  settings?: SettingsSource;
  logger?: Logger;
  clock?: Clock;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Adapts a ResourceDefinition to Pulumi's dynamic ResourceProvider interface. */
export function bridge<I extends Record<string, unknown>, Schema extends z.ZodObject<any>, S>(
  definition: ResourceDefinition<I, Schema, S>,
  options: BridgeOptions = {},
) {
  const context = (operation: Operation, inputs: Record<string, unknown>, request: RequestOptions = {}, creationTag?: unknown): OperationContext => {
    const timeouts = inputs.timeouts as TimeoutsInput;
    // The engine's timeout (customTimeouts, through the plugin) first, then the `timeouts` input.
    const fromEngine = request.timeoutSeconds !== undefined && request.timeoutSeconds > 0;
    const requested = fromEngine
      ? request.timeoutSeconds! * 1000
      : timeouts?.[operation]
          ? parseDuration(timeouts[operation]!)
          : undefined;
    const clock = options.clock ?? processClock();
    const budgetMs = requested ?? definition.defaultTimeouts?.[operation] ?? DEFAULT_TIMEOUT_MS;
    const made = operationContext(operation, budgetMs, {
      settings: options.settings ?? providerConfigSource,
      logger: options.logger ?? stderrLogger,
      clock,
      configured: requested !== undefined,
      fromEngine,
      creationTag: typeof creationTag === "string" ? creationTag : undefined,
    });
    // The operation runs next, inside `guarded`'s async context: the HTTP core's retries find its deadline there.
    enterDeadline(made);
    return made;
  };
  const inputKeys = inputKeysOf(definition.inputs);
  /** The inputs resource code sees: without the serialized provider and the creation tag. */
  const withoutProvider = (props: Record<string, unknown>) => {
    const { __provider, [CREATION_TAG_INPUT]: _tag, ...rest } = props;
    return rest;
  };
  const secretInputs = (definition.secretProperties ?? []).filter((key) => inputKeys.includes(key));
  /** The collection the ids this kind's resources hold are scoped to. */
  const holds = definition.holds ?? definition.kind;
  // Each operation runs in its own async context, where its context's deadline (provider/deadline.ts)
  // and its collection, which scopes the objects it sees as held (provider/identity.ts), are found.
  const guarded = <T>(values: Record<string, unknown>[], operation: () => Promise<T>) =>
    runWithDeadline(undefined, () =>
      runAsKind(holds, () =>
        guardingSecrets(definition.secretProperties ?? [], values, () => namingFieldsAs(definition.inputForField ?? camelCaseField, operation)),
      ),
    );
  /** An object a resource of this kind holds from now on (provider/identity.ts). */
  const held = (id: string) => noteObjectInState(holds, id);
  /** Stored props as resource code sees them: migrated, then checked against the inputs and state schemas. */
  // Inside guarded: a message about a stored value is redacted like any other.
  const stored = (id: string, props: Record<string, unknown>) =>
    guarded([props], async () => parseStoredState(definition, inputKeys, id, withoutProvider(props), options.logger ?? stderrLogger) as I & S);

  return {
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      const { inputs, failures } = validateInputs(definition.inputs, withoutProvider(news));
      if (failures.length === 0 && olds && Object.keys(olds).length > 0 && definition.checkChange) {
        // Old inputs may come from a refresh, where "no value" is null.
        const previous = validateInputs(definition.inputs, withoutNulls(withoutProvider(olds)));
        if (previous.failures.length === 0 && !containsUnknown(inputs)) {
          failures.push(...definition.checkChange(previous.inputs as I, inputs as I));
        }
      }
      // The creation tag passes check untouched: create needs it.
      if (news[CREATION_TAG_INPUT] !== undefined) inputs[CREATION_TAG_INPUT] = news[CREATION_TAG_INPUT];
      return { inputs, failures };
    },

    async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      held(id);
      const ignored = new Set<string>(definition.ignoreChanges ?? []);
      const changed = inputKeys.filter(
        (key) => !ignored.has(key) && (news[key] === UNKNOWN || !sameValue(olds[key], news[key])),
      );
      const replaceOn = new Set<string>(definition.replaceOnChanges);
      const replaces = changed.filter((key) => replaceOn.has(key));
      const detailedDiff = definition.detailedDiff?.(withoutProvider(olds), withoutProvider(news));
      return {
        changes: changed.length > 0,
        /** The changed inputs (the provider plugin's `diffs`). */
        diffs: changed,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (definition.deleteBeforeReplace ?? false),
        ...(detailedDiff ? { detailedDiff } : {}),
      };
    },

    async create(inputs: Record<string, unknown>, request?: RequestOptions) {
      const clean = withoutProvider(inputs) as I;
      try {
        const { id, state } = await guarded([clean], () =>
          keepingPartialState(secretInputs, inputs.__provider, () => definition.create(clean, context("create", clean, request, inputs[CREATION_TAG_INPUT]))),
        );
        // Held by this resource from now on: a later create of this kind in this run must not take it as unclaimed.
        held(id);
        return { id, outs: definedOnly({ ...clean, ...state }) };
      } catch (error) {
        // The object exists, half-made, and the engine keeps it under this resource: it is held too.
        if (error instanceof ResourceInitializationError) held(error.id);
        throw error;
      }
    },

    async read(id: string, props: Record<string, unknown>, request?: RequestOptions) {
      // No stored props at all: an import (the dynamic-provider host never reads without them).
      if (Object.keys(withoutProvider(props ?? {})).length === 0) {
        const imported = importedResource(definition, id);
        id = imported.id;
        props = imported.state;
      }
      held(id);
      const current = await stored(id, props);
      const state = await guarded([current], () => definition.read(id, current, context("update", current, request)));
      if (state === undefined) return { id: "", props: {} };
      const merged = definedOnly({ ...current, ...state }) as Record<string, unknown>;
      // Report refreshed values as inputs too, so that `pulumi refresh`
      // followed by `pulumi preview` shows the drift against the program.
      const inputs: Record<string, unknown> = {};
      for (const key of inputKeys) if (merged[key] !== undefined && merged[key] !== null) inputs[key] = merged[key];
      return { id, props: merged, inputs };
    },

    async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>, request?: RequestOptions) {
      held(id);
      const clean = withoutProvider(news) as I;
      const previous = await stored(id, olds);
      const state = await guarded([olds, clean], () =>
        keepingPartialState(secretInputs, news.__provider, () => definition.update(id, previous, clean, context("update", clean, request))),
      );
      return { outs: definedOnly({ ...clean, ...state }) };
    },

    async delete(id: string, props: Record<string, unknown>, request?: RequestOptions) {
      held(id);
      const current = await stored(id, props);
      await guarded([current], () => definition.delete(id, current, context("delete", current, request)));
    },
  };
}

/** The resource id and stored state an import id stands for, or an error that says how to write it. */
function importedResource(definition: ResourceDefinition<any, any, any>, importId: string): { id: string; state: Record<string, unknown> } {
  if (!definition.importId) {
    throw new Error(`${definition.kind} cannot be imported: ${definition.notImportable ?? "it declares no import id"}`);
  }
  try {
    return definition.importId.parse(importId);
  } catch (error) {
    throw new Error(
      `${definition.kind}: "${importId}" is not an import id of this kind (${(error as Error).message}); ` +
        `write it as ${definition.importId.format}, e.g. ${definition.importId.example}`,
    );
  }
}

/**
 * An initialization failure's partial state becomes the resource's outputs
 * in state, so it must not carry undefined (the provider host would fail the
 * whole call). Only the serialized provider is added to it: the host
 * stores the partial state verbatim as the outputs, and loads the provider
 * of a later read or delete from the outputs' `__provider`, so without it
 * `pulumi refresh` or `destroy` of the half-made resource fails in the host.
 * Nothing else is added: resource code decides what to keep (most leave the
 * inputs out, so that the update the engine forces after an initialization
 * error finishes the work).
 * Partial state cannot be marked secret, so secret *inputs* are taken out
 * here, whatever the resource code put in: the user has them in the program.
 * A secret the vendor generated and shows once (a root password while a
 * server installs) is the resource code's choice to keep: losing it would
 * lose access to the server.
 */
async function keepingPartialState<T>(secretKeys: readonly string[], provider: unknown, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ResourceInitializationError) {
      const properties = Object.fromEntries(Object.entries(error.properties).filter(([key]) => !secretKeys.includes(key)));
      throw new ResourceInitializationError(error.id, definedOnly({ ...properties, __provider: provider }), error.reasons);
    }
    throw error;
  }
}

/**
 * Registers the secret properties' values before resource code can send
 * them anywhere, and redacts what the operation throws: message, stack (the
 * provider host prints it) and init-failure reasons, whatever built them.
 */
async function guardingSecrets<T>(keys: readonly string[], values: Record<string, unknown>[], operation: () => Promise<T>): Promise<T> {
  for (const key of keys) for (const value of values) if (typeof value?.[key] === "string") registerSecret(value[key] as string);
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ResourceInitializationError) {
      throw new ResourceInitializationError(error.id, error.properties, error.reasons.map(redact));
    }
    if (error instanceof Error) {
      error.message = redact(error.message);
      if (error.stack) error.stack = redact(error.stack);
    }
    throw error;
  }
}

function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}
