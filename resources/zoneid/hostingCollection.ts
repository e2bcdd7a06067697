import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition } from "../../provider/dynamic";
import { sameValue } from "../../provider/inputs";
import { ResourceInitializationError, camelCaseField } from "../../provider/errors";
import { claimObject, releaseObject, tagIn, textWithTag, textWithoutTag } from "../../provider/identity";
import { registerSecret } from "../../provider/redact";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
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
 *
 * Creates are exactly once across a killed provider (createOnce: look, then
 * write). The object an interrupted create left is recognised in one of two
 * ways, per collection (docs/zoneid.md lists which):
 * - `creationTagField`: a comment the resource owns carries the creation tag
 *   on its last line (stripped on read, kept on update);
 * - otherwise by content: an item with the identifying field whose readable
 *   fields all equal the inputs is what this create would have made.
 * An item with the identifying field that is neither stays refused unless
 * `adopt` is set.
 */

/** What every hosting resource has besides its own fields (`service`, `adopt`). */
export const commonShape = {
  service: z
    .string({ error: "is required: the service's name, e.g. example.com" })
    .superRefine((value, context) => {
      const problem = zoneNameProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem.replace(/zone/g, "service") });
    })
    .transform(normalizeHostname),
  adopt: z.boolean({ error: "must be true or false" }).default(false),
};

/** The args every web hosting and domain collection resource has besides its own; see docs/zoneid.md. */
export interface HostingServiceArgs {
  /**
   * The service the object belongs to: a web hosting service's name (the
   * `service_name` of `/vserver/{service_name}`, usually its main domain) or,
   * for DomainNameserver and DomainContact, the domain (`/domain/{name}`),
   * e.g. `"example.com"`. Lower-cased, trailing dot removed. Changing it
   * replaces the object (the old one is deleted first).
   */
  service: pulumi.Input<string>;
  /**
   * Take over an existing object with the same identifying field (see the
   * resource) instead of failing; adoption writes every input onto it.
   * Default false. Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
}

export type HostingInputs = { service: string; adopt: boolean } & Record<string, unknown>;
export type HostingState = Record<string, unknown>;

/** State kept beside the collection item itself (MySQL account permissions). */
export interface HostingExtra {
  apply(client: ZoneidClient, service: string, id: string, news: HostingInputs, olds: HostingState | undefined): Promise<void>;
  /** The extra state as the API has it, or undefined when the item is gone. */
  read(client: ZoneidClient, service: string, id: string): Promise<HostingState | undefined>;
}

export interface HostingCollectionSpec<Shape extends z.ZodRawShape, Wire, StateSchema extends z.ZodObject<any> = z.ZodObject<any>> {
  kind: string;
  /** What the resource adds to its inputs in state: its outputs, with their doc comments. */
  state: StateSchema;
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
  /**
   * A free-text field the resource owns (input → wire field) that carries
   * the creation tag; without one, a half-made item is recognised by content.
   */
  creationTagField?: { input: keyof Shape & string; wire: string };
  /** Inputs that can only change by replacing the item (everything when the API has no PUT). */
  replaceOnChanges: (keyof Shape & string)[];
  /**
   * Write-only secrets the API never answers (input → wire field): kept from
   * the inputs, sent only when they change, or on every PUT where the
   * operation's schema requires the field (`everyUpdate`).
   */
  secrets: { input: keyof Shape & string; wire: string; everyUpdate?: boolean }[];
  /** The API has a PUT for the item (or the save of `updateMethod`). */
  updatable: boolean;
  /** How an item is saved where it is not PUT (port forwards: `POST …/portforward/{id}`). */
  updateMethod?: "PUT" | "POST";
  /** The POST takes an array of items (ZoneID's OpenAPI spec: `POST /domain/{service_name}/nameserver`); the one item is sent as a one-element array. */
  createsFromList?: boolean;
  /**
   * The wire fields a PUT may carry, where the vendor documents a narrower
   * set than the create body (MySQL account: "only comment, password and
   * hosts can be updated"); the other inputs must then be in `replaceOnChanges`.
   */
  updatableWire?: string[];
  toWire(args: z.output<z.ZodObject<Shape>>): Record<string, unknown>;
  /** Query parameters of the POST, where the operation's body cannot carry an input (AdditionalPackage's `package`). */
  createQuery?(args: z.output<z.ZodObject<Shape>>): Record<string, string>;
  /**
   * The readable inputs and the computed outputs of an item. `previous` (the
   * inputs or last state) supplies what the API accepts but never answers.
   */
  fromWire(wire: Wire, previous: HostingState): HostingState;
  extra?: HostingExtra;
  /** How an item is deleted where its DELETE answers "already gone" other than 404 (AdditionalPackage: 400 "Not found"). */
  deleteItem?(client: ZoneidClient, service: string, id: string): Promise<boolean>;
  /**
   * Wire fields whose input is not the field in camelCase (`fwd_addresses` →
   * `forwardAddresses`): how a 422 naming the field is said to the user.
   */
  inputForField?: Record<string, string>;
}

export function hostingArgs<Shape extends z.ZodRawShape, Wire>(spec: HostingCollectionSpec<Shape, Wire>) {
  const object = z.object({ ...commonShape, ...spec.fields }).strict();
  const refined = object.superRefine((args, context) => spec.refine?.(args as never, context));
  return refined.transform((args) => (spec.normalize ? spec.normalize(args as never) : args) as typeof args);
}

export function hostingDefinition<Shape extends z.ZodRawShape, Wire, StateSchema extends z.ZodObject<any>>(
  spec: HostingCollectionSpec<Shape, Wire, StateSchema>,
): ResourceDefinition<HostingInputs, StateSchema, HostingState> {
  const { collection, wire, noun, kind } = spec;
  const serviceType = spec.serviceType ?? "vserver";
  const serviceNoun = serviceType === "domain" ? "domain" : "web hosting service";
  const describe = (inputs: HostingInputs) => `${noun} ${String(inputs[spec.key.input])} of ${serviceType === "domain" ? "domain" : "web hosting"} ${inputs.service}`;
  const secretsOf = (inputs: HostingState) => Object.fromEntries(spec.secrets.map(({ input }) => [input, inputs[input] ?? null]));
  const ownInputs = (inputs: HostingInputs) => {
    const { service: _service, adopt: _adopt, ...own } = inputs;
    return own as z.output<z.ZodObject<Shape>>;
  };
  const tagField = spec.creationTagField;
  /** The vendor object an item is, for claims: two resources of one program must not own it. */
  const objectKey = (inputs: HostingInputs) => `zoneid:/${serviceType}/${inputs.service}/${collection}/${String(inputs[spec.key.input])}`;
  const wireText = (item: Wire, field: string) => (item as Record<string, unknown>)[field] as string | null | undefined;

  /** The body of a POST or PUT: the inputs, with the creation tag in its field. */
  const bodyOf = (inputs: HostingInputs, tag: string | undefined) => {
    const body = spec.toWire(ownInputs(inputs));
    if (tagField) body[tagField.wire] = textWithTag(String(inputs[tagField.input] ?? ""), tag);
    return body;
  };

  /** The readable fields of an item, the creation tag stripped from its field. */
  const readable = (item: Wire, previous: HostingState) =>
    spec.fromWire(tagField ? ({ ...item, [tagField.wire]: textWithoutTag(wireText(item, tagField.wire)) } as Wire) : item, previous);

  /** The state of an item: service, its readable fields, the secrets as last set, and any extra. */
  const stateOf = (service: string, item: Wire, previous: HostingState, extra: HostingState | undefined): HostingState => ({
    service,
    ...readable(item, previous),
    ...secretsOf(previous),
    ...extra,
  });

  /**
   * The item this resource's create made (or would make): it carries the
   * creation tag, or, for collections without a tag field, every readable
   * input equals the item's.
   */
  const isThisResource = (item: Wire, inputs: HostingInputs, tag: string | undefined): boolean => {
    if (spec.key.ofWire(item) !== String(inputs[spec.key.input])) return false;
    if (tagField) return tag !== undefined && tagIn(wireText(item, tagField.wire)) === tag;
    const live = readable(item, inputs);
    const secret = new Set<string>(spec.secrets.map(({ input }) => input));
    return Object.keys(spec.fields).every((field) => secret.has(field) || !(field in live) || sameValue(live[field], inputs[field]));
  };

  const registerSecrets = (inputs: HostingState) => {
    for (const { input } of spec.secrets) if (typeof inputs[input] === "string") registerSecret(inputs[input] as string);
  };

  /**
   * Writes the inputs onto an existing item (PUT; secrets only when they
   * differ from `olds`), then the extra state. The tag field keeps `tag`, or
   * the tag the item carries when `tag` is undefined.
   */
  async function write(client: ZoneidClient, id: string, news: HostingInputs, olds: HostingState | undefined, tag?: string): Promise<HostingState> {
    let item: Wire | undefined;
    const gone = () => new Error(`${kind}: ${describe(news)} no longer exists; run \`pulumi refresh\` and then \`pulumi up\` to create it again`);
    if (spec.updatable) {
      if (tagField && tag === undefined) {
        const current = await client.getServiceItem(serviceType, news.service, collection, id, wire);
        if (!current) throw gone();
        tag = tagIn(wireText(current, tagField.wire));
      }
      const body = bodyOf(news, tag);
      if (spec.updatableWire) for (const field of Object.keys(body)) if (!spec.updatableWire.includes(field)) delete body[field];
      for (const secret of spec.secrets) if (!secret.everyUpdate && olds && olds[secret.input] === news[secret.input]) delete body[secret.wire];
      item = await client.updateServiceItem(serviceType, news.service, collection, id, wire, body, spec.updateMethod);
    } else {
      item = await client.getServiceItem(serviceType, news.service, collection, id, wire);
    }
    if (!item) throw gone();
    if (spec.extra) await spec.extra.apply(client, news.service, id, news, olds);
    const extra = spec.extra ? await spec.extra.read(client, news.service, id) : undefined;
    return stateOf(news.service, item, news, extra);
  }

  /** Lists the collection; the first call may use a listing already made. */
  async function listItems(client: ZoneidClient, inputs: HostingInputs): Promise<Wire[]> {
    const items = await client.listServiceItems(serviceType, inputs.service, collection, wire);
    if (items === undefined) {
      throw new Error(`${kind}: the ZoneID account has no ${serviceNoun} ${inputs.service} (GET /${serviceType}/${inputs.service}/${collection} answered 404)`);
    }
    return items;
  }

  return {
    kind,
    secretProperties: spec.secrets.map(({ input }) => input),
    inputs: hostingArgs(spec) as unknown as z.ZodType<HostingInputs>,
    state: spec.state,
    replaceOnChanges: ["service", ...spec.replaceOnChanges],
    ignoreChanges: ["adopt"],
    inputForField: (field) => spec.inputForField?.[field] ?? camelCaseField(field),
    // The identifying field is unique in the account: a replacement must free it first.
    deleteBeforeReplace: true,

    async create(inputs, context) {
      registerSecrets(inputs);
      const client = zoneidClient(context.settings, context);
      const tag = context.creationTag;
      const key = String(inputs[spec.key.input]);
      let listing: Wire[] | undefined = await listItems(client, inputs);
      const others = listing.filter((item) => spec.key.ofWire(item) === key && !isThisResource(item, inputs, tag));
      const mine = listing.some((item) => isThisResource(item, inputs, tag));
      // Without a tag, an old program's create is recognised only by content (strategy 2).
      const owner = tag ?? `untagged:${randomUUID()}`;
      if (others.length > 0 && !mine) {
        if (!inputs.adopt) {
          throw new Error(`${kind}: ${describe(inputs)} already exists (id ${spec.idOf(others[0])}). Set \`adopt: true\` to manage the existing one.`);
        }
        const existing = onlyCandidate(others, spec.idOf, `${kind}: ${describe(inputs)}`)!;
        const id = spec.idOf(existing);
        claimObject(objectKey(inputs), owner, `${kind}: ${describe(inputs)}`);
        // Adoption applies every input, secrets included (the declared password becomes the real one), and marks the item with the tag.
        return { id, state: await write(client, id, inputs, undefined, tag) };
      }
      claimObject(objectKey(inputs), owner, `${kind}: ${describe(inputs)}`);
      const { object: item, resumed } = await createOnce<Wire>({
        attempt: () => {
          const body = bodyOf(inputs, tag);
          return client.createServiceItem(serviceType, inputs.service, collection, wire, spec.createsFromList ? [body] : body, spec.createQuery?.(ownInputs(inputs)));
        },
        find: async () => {
          const items = listing ?? (await listItems(client, inputs));
          listing = undefined;
          return onlyCandidate(
            items.filter((item) => isThisResource(item, inputs, tag)),
            spec.idOf,
            `${kind}: ${describe(inputs)}`,
          );
        },
        description: `creating ${describe(inputs)}`,
        clock: context.clock,
        logger: context.logger,
      }).catch((error: unknown) => {
        releaseObject(objectKey(inputs), owner);
        throw error;
      });
      const id = spec.idOf(item);
      try {
        // An interrupted create's item: the inputs may have changed since, and secrets cannot be read back.
        if (resumed && spec.updatable) return { id, state: await write(client, id, inputs, undefined, tag) };
        const state = stateOf(inputs.service, item, inputs, undefined);
        if (!spec.extra) return { id, state };
        await spec.extra.apply(client, inputs.service, id, inputs, undefined);
        return { id, state: { ...state, ...(await spec.extra.read(client, inputs.service, id)) } };
      } catch (error) {
        throw new ResourceInitializationError(id, { ...inputs, ...stateOf(inputs.service, item, inputs, undefined) }, [
          `${describe(inputs)} was created, but: ${(error as Error).message}`,
        ]);
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
      const client = zoneidClient(context.settings, context);
      await (spec.deleteItem ? spec.deleteItem(client, state.service, id) : client.deleteServiceItem(serviceType, state.service, collection, id));
    },
  };
}

/** A collection's args schema and definition from its spec (the spec's functions are typed from `fields` and `wire`). */
export function hostingCollection<Shape extends z.ZodRawShape, Wire, StateSchema extends z.ZodObject<any>>(spec: HostingCollectionSpec<Shape, Wire, StateSchema>) {
  return { spec, args: hostingArgs(spec), definition: hostingDefinition(spec) };
}
