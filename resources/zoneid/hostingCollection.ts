import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { ResourceInitializationError } from "../../provider/errors";
import { registerSecret } from "../../provider/redact";
import { writeReconciled } from "../../provider/reconcile";
import { ServiceType, ZoneidClient, zoneidClient } from "../../provider/zoneid/client";
import { normalizeHostname } from "../../provider/dns";
import { zoneNameProblem } from "./names";

/**
 * One generic definition for the web hosting (vserver) collections, which
 * all have the same shape at ZoneID: `GET/POST /vserver/{service}/{path}` and
 * `GET/[PUT]/DELETE /vserver/{service}/{path}/{identificator}`. What differs
 * per collection is a spec: its path, wire schema, identifier, which inputs
 * force a replacement, which are secret (write-only at the API) and how
 * inputs map to the wire.
 */

/** What every hosting resource has besides its own fields. */
const commonShape = {
  /** The service's name, the `service_name` of /vserver/{service_name} or /domain/{service_name}: a domain name. */
  service: z
    .string({ error: "is required: the service's name, e.g. example.com" })
    .superRefine((value, context) => {
      const problem = zoneNameProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem.replace(/zone/g, "service") });
    })
    .transform(normalizeHostname),
  /** Take over an existing object with the same identifying field instead of failing. */
  adopt: z.boolean({ error: "must be true or false" }).default(false),
};

export type HostingInputs = { service: string; adopt: boolean } & Record<string, unknown>;
export type HostingState = Record<string, unknown>;

/** State kept beside the collection item itself (MySQL account permissions). */
export interface HostingExtra {
  apply(client: ZoneidClient, service: string, id: string, news: HostingInputs, olds: HostingState | undefined): Promise<void>;
  /** The extra state as the API has it, or undefined when the item is gone. */
  read(client: ZoneidClient, service: string, id: string): Promise<HostingState | undefined>;
}

export interface HostingCollectionSpec<Shape extends z.ZodRawShape, Wire> {
  kind: string;
  /** How a user calls one item, e.g. "e-mail account". */
  noun: string;
  /** The path under /{serviceType}/{service}/, e.g. "mail/account". */
  collection: string;
  /** "vserver" (web hosting, the default) or "domain". */
  serviceType?: ServiceType;
  wire: z.ZodType<Wire>;
  /** The resource's own inputs; `service` and `adopt` are added. */
  fields: Shape;
  /** Cross-field rules and normalization after the fields parse. */
  refine?: (args: z.output<z.ZodObject<Shape>>, context: z.RefinementCtx) => void;
  normalize?: (args: z.output<z.ZodObject<Shape>>) => z.output<z.ZodObject<Shape>>;
  /** The item's identificator in its URL. */
  idOf(wire: Wire): string;
  /** The field that identifies an item in the account, to find it for adoption or after an ambiguous create. */
  key: { input: keyof Shape & string; ofWire(wire: Wire): string };
  /** Inputs that can only change by replacing the item (everything when the API has no PUT). */
  replaceOnChanges: (keyof Shape & string)[];
  /** Write-only secrets the API never answers (input → wire field): kept from the inputs, sent only when they change. */
  secrets: { input: keyof Shape & string; wire: string }[];
  /** The API has a PUT for the item. */
  updatable: boolean;
  toWire(args: z.output<z.ZodObject<Shape>>): Record<string, unknown>;
  /**
   * The readable inputs and the computed outputs of an item. `previous` (the
   * inputs or last state) supplies what the API accepts but never answers.
   */
  fromWire(wire: Wire, previous: HostingState): HostingState;
  extra?: HostingExtra;
}

export function hostingArgs<Shape extends z.ZodRawShape, Wire>(spec: HostingCollectionSpec<Shape, Wire>) {
  const object = z.object({ ...commonShape, ...spec.fields }).strict();
  const refined = object.superRefine((args, context) => spec.refine?.(args as never, context));
  return refined.transform((args) => (spec.normalize ? spec.normalize(args as never) : args) as typeof args);
}

export function hostingDefinition<Shape extends z.ZodRawShape, Wire>(spec: HostingCollectionSpec<Shape, Wire>): ResourceDefinition<HostingInputs, HostingState> {
  const { collection, wire, noun, kind } = spec;
  const serviceType = spec.serviceType ?? "vserver";
  const serviceNoun = serviceType === "domain" ? "domain" : "web hosting service";
  const describe = (inputs: HostingInputs) => `${noun} ${String(inputs[spec.key.input])} of ${serviceType === "domain" ? "domain" : "web hosting"} ${inputs.service}`;
  const secretsOf = (inputs: HostingState) => Object.fromEntries(spec.secrets.map(({ input }) => [input, inputs[input] ?? null]));
  const ownInputs = (inputs: HostingInputs) => {
    const { service: _service, adopt: _adopt, ...own } = inputs;
    return own as z.output<z.ZodObject<Shape>>;
  };

  /** The state of an item: service, its readable fields, the secrets as last set, and any extra. */
  const stateOf = (service: string, item: Wire, previous: HostingState, extra: HostingState | undefined): HostingState => ({
    service,
    ...spec.fromWire(item, previous),
    ...secretsOf(previous),
    ...extra,
  });

  const registerSecrets = (inputs: HostingState) => {
    for (const { input } of spec.secrets) if (typeof inputs[input] === "string") registerSecret(inputs[input] as string);
  };

  /** Writes the inputs onto an existing item (PUT; secrets only when they differ from `olds`), then the extra state. */
  async function write(client: ZoneidClient, id: string, news: HostingInputs, olds: HostingState | undefined): Promise<HostingState> {
    let item: Wire | undefined;
    if (spec.updatable) {
      const body = spec.toWire(ownInputs(news));
      for (const secret of spec.secrets) if (olds && olds[secret.input] === news[secret.input]) delete body[secret.wire];
      item = await client.updateServiceItem(serviceType, news.service, collection, id, wire, body);
    } else {
      item = await client.getServiceItem(serviceType, news.service, collection, id, wire);
    }
    if (!item) throw new Error(`${kind}: ${describe(news)} no longer exists; run \`pulumi refresh\` and then \`pulumi up\` to create it again`);
    if (spec.extra) await spec.extra.apply(client, news.service, id, news, olds);
    const extra = spec.extra ? await spec.extra.read(client, news.service, id) : undefined;
    return stateOf(news.service, item, news, extra);
  }

  return {
    kind,
    inputs: hostingArgs(spec) as unknown as z.ZodType<HostingInputs>,
    replaceOnChanges: ["service", ...spec.replaceOnChanges],
    ignoreChanges: ["adopt"],
    // The identifying field is unique in the account: a replacement must free it first.
    deleteBeforeReplace: true,

    async create(inputs, context) {
      registerSecrets(inputs);
      const client = zoneidClient(context.settings, context);
      const key = String(inputs[spec.key.input]);
      const find = async () => (await client.listServiceItems(serviceType, inputs.service, collection, wire))?.find((item) => spec.key.ofWire(item) === key);
      const items = await client.listServiceItems(serviceType, inputs.service, collection, wire);
      if (items === undefined) {
        throw new Error(`${kind}: the ZoneID account has no ${serviceNoun} ${inputs.service} (GET /${serviceType}/${inputs.service}/${collection} answered 404)`);
      }
      const existing = items.find((item) => spec.key.ofWire(item) === key);
      if (existing) {
        if (!inputs.adopt) {
          throw new Error(`${kind}: ${describe(inputs)} already exists (id ${spec.idOf(existing)}). Set \`adopt: true\` to manage the existing one.`);
        }
        const id = spec.idOf(existing);
        // Adoption applies every input, secrets included: the declared password becomes the real one.
        return { id, state: await write(client, id, inputs, undefined) };
      }
      let created: Wire | undefined;
      const item = await writeReconciled({
        attempt: async () => {
          created = await client.createServiceItem(serviceType, inputs.service, collection, wire, spec.toWire(ownInputs(inputs)));
        },
        find: async () => created ?? (await find()),
        description: `creating ${describe(inputs)}`,
        clock: context.clock,
        logger: context.logger,
      });
      if (!item) throw new Error(`ZoneID did not list ${describe(inputs)} after creating it; run \`pulumi up\` again`);
      const id = spec.idOf(item);
      const state = stateOf(inputs.service, item, inputs, undefined);
      if (!spec.extra) return { id, state };
      try {
        await spec.extra.apply(client, inputs.service, id, inputs, undefined);
        return { id, state: { ...state, ...(await spec.extra.read(client, inputs.service, id)) } };
      } catch (error) {
        throw new ResourceInitializationError(id, { ...inputs, ...state }, [`${describe(inputs)} was created, but: ${(error as Error).message}`]);
      }
    },

    async read(id, state, context) {
      const client = zoneidClient(context.settings, context);
      const item = await client.getServiceItem(serviceType, state.service, collection, id, wire);
      if (!item) return undefined;
      const extra = spec.extra ? await spec.extra.read(client, state.service, id) : undefined;
      return stateOf(state.service, item, state, extra);
    },

    async update(id, olds, news, context) {
      registerSecrets(news);
      return write(zoneidClient(context.settings, context), id, news, olds);
    },

    async delete(id, state, context) {
      await zoneidClient(context.settings, context).deleteServiceItem(serviceType, state.service, collection, id);
    },
  };
}

/** A collection's args schema and definition from its spec (the spec's functions are typed from `fields` and `wire`). */
export function hostingCollection<Shape extends z.ZodRawShape, Wire>(spec: HostingCollectionSpec<Shape, Wire>) {
  return { spec, args: hostingArgs(spec), definition: hostingDefinition(spec) };
}
