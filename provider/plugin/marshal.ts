// Property values as the engine sends them to a provider plugin and takes
// them back: google.protobuf.Struct, where secrets, resource references and
// output values are objects marked by a signature key, and a value not known
// yet (preview) is a fixed string. Resource code sees plain values; what was
// secret going in is secret coming out.
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN, definedOnly } from "../inputs";
import { structProto } from "./pulumiModules";

export { UNKNOWN };

/** The key of every marked value, and the marks (Pulumi's sdk/go/common/resource/sig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcedd72f1234e6a9a5";

export type Properties = Record<string, unknown>;

/** A Struct as JavaScript values, marks included. */
export function fromStruct(struct: Struct | undefined): Properties {
  return (struct?.toJavaScript() as Properties | undefined) ?? {};
}

/** JavaScript values as a Struct. Undefined values are left out (a Struct cannot hold them). */
export function toStruct(values: Properties): Struct {
  return structProto().Struct.fromJavaScript(definedOnly(values) as Parameters<typeof Struct.fromJavaScript>[0]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function isSecret(value: unknown): value is { value: unknown } {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Properties {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * A value as resource code sees it: secrets unwrapped; a resource reference
 * as its id (its URN where it has none), as the engine passes it to a
 * provider that does not take references; an output value as its value
 * (unknown where it has none).
 */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (!isObject(value)) return value;
  switch (value[SIG_KEY]) {
    case SECRET_SIG:
      return plain(value.value);
    case RESOURCE_REFERENCE_SIG:
      return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
    case OUTPUT_VALUE_SIG:
      return "value" in value ? plain(value.value) : UNKNOWN;
    default:
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
}

/** The properties of a Struct as resource code sees them (see `plain`). */
export function plainProperties(struct: Struct | undefined): Properties {
  return plain(fromStruct(struct)) as Properties;
}

/** Whether a value is, or holds anywhere inside it, a secret. */
export function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (!isObject(value)) return false;
  if (value[SIG_KEY] === SECRET_SIG) return true;
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG) return value.secret === true || containsSecret(value.value);
  return Object.values(value).some(containsSecret);
}

/**
 * Plain `outs` marked secret where `ins` (values as the engine sent them)
 * were, as the engine itself carries secrets through a provider that cannot
 * take them: nested objects property by property, anything else (a list, a
 * value) wholly secret when the input held a secret anywhere inside. The
 * properties named in `secretKeys` (a definition's `secretProperties`) are
 * secret whatever came in.
 */
export function withSecrets(outs: Properties, ins: Properties, secretKeys: readonly string[] = []): Properties {
  const marked = markLike(outs, ins) as Properties;
  for (const key of secretKeys) if (marked[key] !== undefined && marked[key] !== null) marked[key] = secret(marked[key]);
  return marked;
}

function markLike(out: unknown, input: unknown): unknown {
  if (isSecret(out)) return out;
  if (isObject(out) && isObject(input) && input[SIG_KEY] === undefined) {
    return Object.fromEntries(Object.entries(out).map(([key, item]) => [key, key in input ? markLike(item, input[key]) : item]));
  }
  return containsSecret(input) ? secret(out) : out;
}
