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
