// Names the provider plugin (pulumi-resource-euro-hosting) and its schema share.

/** The Pulumi package name: plugin `pulumi-resource-euro-hosting`, type tokens `euro-hosting:<vendor>:<Resource>`. */
export const PACKAGE = "euro-hosting";

/** The provider resource's type token. */
export const PROVIDER_TOKEN = `pulumi:providers:${PACKAGE}`;

/** "gigahost:DnsRecord" → "euro-hosting:gigahost:DnsRecord". */
export function typeToken(kind: string): string {
  const match = /^([a-z]+):([A-Z][A-Za-z0-9]*)$/.exec(kind);
  if (!match) throw new Error(`resource kind "${kind}" is not of the form vendor:Resource`);
  return `${PACKAGE}:${match[1]}:${match[2]}`;
}

/** "euro-hosting:gigahost:DnsRecord" → "gigahost:DnsRecord"; undefined for any other token. */
export function kindOfToken(token: string): string | undefined {
  const match = /^euro-hosting:([a-z]+):([A-Z][A-Za-z0-9]*)$/.exec(token);
  return match ? `${match[1]}:${match[2]}` : undefined;
}

/** The parts of a resource's URN, `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export interface UrnParts {
  stack: string;
  project: string;
  /** The types of the resource's ancestors, outermost first, as the URN chains them ("" for a top-level resource). */
  parentTypes: string;
  type: string;
  name: string;
}

export function parseUrn(urn: string): UrnParts {
  const [head, project, qualifiedType, ...name] = urn.split("::");
  if (!head?.startsWith("urn:pulumi:") || project === undefined || qualifiedType === undefined || name.length === 0) {
    throw new Error(`"${urn}" is not a Pulumi URN`);
  }
  const types = qualifiedType.split("$");
  return {
    stack: head.slice("urn:pulumi:".length),
    project,
    parentTypes: types.slice(0, -1).join("$"),
    type: types[types.length - 1],
    // A name may itself contain "::".
    name: name.join("::"),
  };
}
