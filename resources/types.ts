import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** Resource arguments as a Pulumi program passes them: every property may be an Output. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * A resource's args are written out as an interface, so that every property
 * carries its doc comment to the user's editor (types inferred from a zod
 * schema lose them). This proves at compile time that the interface accepts
 * exactly what the schema accepts, property by property, optionality
 * included, so the two cannot drift:
 *
 *     type ArgsAreTheSchema = Assert<ArgsMatchSchema<DnsRecordArgs, typeof dnsRecordArgs>>;
 */
export type ArgsMatchSchema<Args, Schema extends z.ZodType> = Same<Required<Args>, Required<DefinedInputs<z.input<Schema>>>> extends true
  ? OptionalKeys<Args> extends OptionalKeys<z.input<Schema>>
    ? OptionalKeys<z.input<Schema>> extends OptionalKeys<Args>
      ? true
      : { optionalOnlyInSchema: Exclude<OptionalKeys<z.input<Schema>>, OptionalKeys<Args>> }
    : { optionalOnlyInArgs: Exclude<OptionalKeys<Args>, OptionalKeys<z.input<Schema>>> }
  : { differ: Differences<Args, DefinedInputs<z.input<Schema>>> };

/** Fails to compile unless T is `true`; the error shows what T is instead. */
export type Assert<T extends true> = T;

/** Pulumi inputs of a schema's properties, where an optional one is left out rather than passed as undefined. */
type DefinedInputs<T> = { [K in keyof T]: pulumi.Input<Exclude<T[K], undefined>> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
type Differences<A, B> = {
  [K in keyof A | keyof B]: K extends keyof A ? (K extends keyof B ? (Same<Required<A>[K], Required<B>[K]> extends true ? never : K) : K) : K;
}[keyof A | keyof B];

/**
 * Deadlines, each for one whole operation: every wait and retry inside it
 * (an order, its build, the boot) draws from the same budget. Durations such
 * as `"90s"`, `"10m"`, `"1h"`. Pulumi's `customTimeouts` option does not
 * reach dynamic providers; this input does. Never causes a diff.
 */
export interface Timeouts {
  /** The whole create, e.g. `"30m"`. */
  create?: string;
  /** The whole update, e.g. `"20m"`. */
  update?: string;
  /** The whole delete, e.g. `"15m"`. */
  delete?: string;
}
