import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { providerStub, withSecretOutputs } from "./dynamic";
import { CREATION_TAG_INPUT, creationTagOf } from "./identity";

/**
 * A resource class is derived from its definition, never written out: the
 * state schema (`definition.state`) gives the outputs, their types, their doc
 * comments (on the schema's properties) and the list of outputs the engine
 * is told to expect; the kind gives the provider stub and the Pulumi type
 * token. So a resource states its kind and its state once:
 *
 *     export class DnsZone extends resourceClass<DnsZoneArgs>()(dnsZoneDefinition) {}
 *
 * The type token stays what `pulumi.dynamic.Resource`'s module/type
 * arguments made of it before: kind "gigahost:DnsZone" is module "gigahost",
 * type "DnsZone", token `pulumi-nodejs:dynamic/gigahost:DnsZone`. Changing it
 * would make every existing stack replace the resource.
 *
 * The class registers that token and the `__provider` input itself, as
 * `pulumi.dynamic.Resource` does, but with the stub written out by
 * `providerStub` instead of one made by Pulumi's closure serializer (a third
 * of the size; see provider/dynamic.ts). The engine and the dynamic-provider
 * host see what they always saw: that token and a provider module's source.
 */
export interface ClassDefinition<StateSchema extends z.ZodObject<any>> {
  /** "vendor:Resource", e.g. "gigahost:DnsZone". */
  kind: string;
  state: StateSchema;
  secretProperties?: readonly string[];
  /**
   * False for kinds that never make a vendor object (they take over settings
   * of one that exists): those carry no creation tag.
   */
  createsObjects?: boolean;
}

/**
 * A state schema: a zod object whose properties carry the doc comments users
 * see on the class's outputs. (`z.object` alone loses the comments in the
 * built declarations; a shape inferred through this signature keeps them.)
 */
export function stateSchema<Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape> {
  return z.object(shape) as unknown as z.ZodObject<Shape>;
}

/**
 * Each property of the state, as an output of the resource. `SetOnceCreated`
 * names outputs that state may hold as null (a refresh that finds none, a
 * vendor answer that leaves out a field its document marks required, the
 * partial state of an interrupted create) but that every successful create
 * sets: a program sees them as never null, as it always has (a server's
 * `primaryIp` given to a DNS record's `destination`). Each such output's doc
 * comment says when it can be null.
 */
export type StateOutputs<State, SetOnceCreated extends PropertyKey = never> = {
  readonly [K in keyof State]-?: pulumi.Output<K extends SetOnceCreated ? NonNullable<State[K]> : State[K]>;
};

/** Typed by the schema, not by its output type: the built declarations then name the schema's properties, docs included. */
export type ResourceClass<Args, StateSchema extends z.ZodObject<any>, SetOnceCreated extends PropertyKey = never> = new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & StateOutputs<z.output<StateSchema>, SetOnceCreated>;

/** The provider host's type token is `pulumi-nodejs:dynamic/<module>:<type>` (what `pulumi.dynamic.Resource` makes of these). */
export function moduleAndType(kind: string): { module: string; type: string } {
  const match = /^([a-z]+):([A-Z][A-Za-z0-9]*)$/.exec(kind);
  if (!match) throw new Error(`resource kind "${kind}" is not of the form vendor:Resource`);
  return { module: match[1], type: match[2] };
}

/**
 * The class of a resource kind. Args are given explicitly (their interface
 * carries the doc comments users see on the inputs); the outputs come from
 * the definition's state schema (see StateOutputs for `SetOnceCreated`).
 */
export function resourceClass<Args extends object, SetOnceCreated extends string = never>() {
  return <StateSchema extends z.ZodObject<any>>(definition: ClassDefinition<StateSchema>): ResourceClass<Args, StateSchema, SetOnceCreated> => {
    const { kind } = definition;
    const { module, type } = moduleAndType(kind);
    const outputs = Object.keys(definition.state.shape);
    const hasSecrets = (definition.secretProperties ?? []).length > 0;
    const token = `pulumi-nodejs:dynamic/${module}:${type}`;
    const stub = providerStub(kind);
    class DefinedResource extends pulumi.CustomResource {
      constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
        if ((args as Record<string, unknown> | undefined)?.__provider !== undefined) {
          throw new Error(`${kind} "${name}": __provider is reserved for the provider stub`);
        }
        // An output missing from the props would never be set: every state property is listed, undefined until the engine answers.
        const props = { ...Object.fromEntries(outputs.map((key) => [key, undefined])), ...args, __provider: stub };
        super(
          token,
          name,
          definition.createsObjects === false ? props : withCreationTag(kind, name, props, opts),
          hasSecrets ? withSecretOutputs(definition, opts) : opts,
        );
      }
    }
    return DefinedResource as unknown as ResourceClass<Args, StateSchema, SetOnceCreated>;
  };
}

/**
 * The inputs of a creating resource's class, with its creation tag. A parent
 * is part of the identity (two components may each have a child "web"); its
 * URN is known in preview too. (Here rather than in provider/identity.ts,
 * which the provider plugin loads: only the program needs @pulumi/pulumi's
 * runtime for this.)
 */
function withCreationTag<T extends object>(
  kind: string,
  name: string,
  props: T,
  opts: pulumi.CustomResourceOptions | undefined,
): T & { creationTag: pulumi.Input<string> } {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const tag = opts?.parent
    ? opts.parent.urn.apply((parentUrn) => creationTagOf(project, stack, parentUrn, kind, name))
    : creationTagOf(project, stack, kind, name);
  return { ...props, [CREATION_TAG_INPUT]: tag } as T & { creationTag: pulumi.Input<string> };
}
