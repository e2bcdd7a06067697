import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";

/**
 * A dynamic provider's create receives only inputs: after a killed `pulumi
 * up` the engine has no id for the half-made object, and the next create must
 * still recognise it. So every creating resource carries one more input, its
 * creation tag, which the class fills from the project, the stack, the parent
 * and the resource's kind and name, and which create writes where the vendor
 * keeps it (a label, note or comment the resource owns). The bridge takes it
 * out of the inputs before validation and hands it to resource code as
 * `context.creationTag`; it never causes a diff.
 */
export const CREATION_TAG_INPUT = "creationTag";

/** "peh-" and 16 hex digits: short enough for the tightest vendor field it goes into. */
export const CREATION_TAG_PATTERN = /peh-[0-9a-f]{16}/;

export function creationTagOf(...parts: string[]): string {
  return "peh-" + createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);
}

const owners = new Map<string, string>();

/**
 * Two resources of one program must not own one vendor object (one would
 * rewrite what the other declares, and destroying one deletes the other's).
 * Every resource that creates or adopts an object claims it under a key that
 * names it at the vendor; a second owner fails with both names. Claims live
 * as long as the provider process, which serves one CLI command.
 */
export function claimObject(objectKey: string, owner: string, description: string): void {
  const holder = owners.get(objectKey);
  if (holder !== undefined && holder !== owner) {
    throw new Error(
      `${description} is already managed by another resource of this program; ` +
        "declare it once (two resources that own one object would overwrite and delete each other's work)",
    );
  }
  owners.set(objectKey, owner);
}

/** Releases a claim (after delete), so a replacement in the same command may take it. */
export function releaseObject(objectKey: string, owner: string): void {
  if (owners.get(objectKey) === owner) owners.delete(objectKey);
}

/**
 * A free-text field (a note or comment) the resource owns at the vendor,
 * carrying the creation tag on a line of its own after the user's text.
 * Reads strip it, so users see their own text; writes keep it.
 */
export function textWithTag(text: string, tag: string | undefined): string {
  if (!tag) return text;
  return text === "" ? tag : `${text}\n${tag}`;
}

/** The creation tag a tagged field carries, if any. */
export function tagIn(text: string | null | undefined): string | undefined {
  const match = text ? new RegExp(`(?:^|\\n)(${CREATION_TAG_PATTERN.source})$`).exec(text) : null;
  return match?.[1];
}

/** The user's text of a tagged field. */
export function textWithoutTag(text: string | null | undefined): string {
  if (!text) return "";
  const tag = tagIn(text);
  return tag ? text.slice(0, text.length - tag.length).replace(/\n$/, "") : text;
}

/** Per kind, the ids of the objects resources of that kind hold in this run. */
const heldByKind = new Map<string, Set<string>>();

/** The kind whose operation the running code serves (see `runAsKind`). */
const operatingKind = new AsyncLocalStorage<string>();

/**
 * The bridge notes the id of every object a resource of its kind holds: the
 * ones the engine shows it (diff, read, update, delete), which belong to
 * resources in the stack's state, and the ones its creates make (or leave
 * half-made), which belong to resources from then on. A create never takes
 * one as its half-made object: in a create-before-delete replacement the old
 * object carries the same creation tag (and, for `pulumi up --replace`, the
 * same inputs), and the engine deletes it right after; a second resource
 * created in the same run must not take the first one's object.
 *
 * Ids are held per kind: vendors number different collections
 * independently, so a DNS record's id may be a snapshot's id too, and must
 * not hide that snapshot from the snapshot's create. Kinds over one
 * collection share its scope: the bridge passes a definition's `holds`
 * (gigahost:Server and gigahost:DeployedServer both hold servers), by
 * default its kind, as `kind` here and to `runAsKind`.
 */
export function noteObjectInState(kind: string, id: string): void {
  if (!id) return;
  let ids = heldByKind.get(kind);
  if (ids === undefined) heldByKind.set(kind, (ids = new Set()));
  ids.add(id);
}

/**
 * Runs one operation of a resource of `kind`: inside it, `isObjectInState`
 * asks about objects of that kind. The bridge runs every operation in one.
 */
export function runAsKind<T>(kind: string, operation: () => Promise<T>): Promise<T> {
  return operatingKind.run(kind, operation);
}

/**
 * Whether a resource of `kind` (by default, the kind whose operation this
 * code runs in) holds the object with this id. Outside any operation (unit
 * tests, lookups) no kind is known, and an id any kind holds counts as held.
 */
export function isObjectInState(id: string, kind: string | undefined = operatingKind.getStore()): boolean {
  if (kind === undefined) return [...heldByKind.values()].some((ids) => ids.has(id));
  return heldByKind.get(kind)?.has(id) ?? false;
}
