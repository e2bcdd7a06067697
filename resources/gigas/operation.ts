import { randomUUID } from "node:crypto";
import { OperationContext } from "../../provider/dynamic";
import { GigasClient } from "../../provider/gigas/client";
import { claimObject, releaseObject } from "../../provider/identity";
import { onlyCandidate } from "../../provider/reconcile";

/** Text of any error, for init-failure reasons. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
}

/**
 * The key under which a resource claims a Gigas object (provider/identity.ts
 * `claimObject`): the endpoint and account make ids of two clouds distinct.
 */
export async function gigasObjectKey(client: GigasClient, what: string, id: string): Promise<string> {
  return `gigas|${client.http.baseUrl}|${await client.account()}|${what}|${id}`;
}

/**
 * Who claims objects for this create: the creation tag, or (programs of older
 * versions, which have none) a key of this one create call.
 */
export function claimOwner(context: OperationContext): string {
  return context.creationTag ?? `create-${randomUUID()}`;
}

/**
 * Whether another resource of this command already holds the object, so a
 * create looking for its own half-made object must pass it by. (A probe:
 * identity.ts offers only claim and release.)
 */
export function heldByAnother(objectKey: string, owner: string): boolean {
  try {
    claimObject(objectKey, owner, objectKey);
  } catch {
    return true;
  }
  releaseObject(objectKey, owner);
  return false;
}

/**
 * The `find` of a create through `createOnce`. The first look (before writing)
 * recognises an object an interrupted create left (`interrupted`, given the
 * listing); after a write whose answer was lost, the object with these settings
 * (`matches`) that was not there before is this one.
 */
export function findCreated<T extends { id: string }>(
  list: () => Promise<T[]>,
  interrupted: (objects: T[]) => Promise<T | undefined>,
  matches: (object: T) => boolean,
  description: string,
): () => Promise<T | undefined> {
  let before: Set<string> | undefined;
  return async () => {
    const objects = await list();
    if (before === undefined) {
      before = new Set(objects.map((object) => object.id));
      return interrupted(objects);
    }
    const seenBefore = before;
    return onlyCandidate(objects.filter((object) => !seenBefore.has(object.id) && matches(object)), (object) => object.id, description);
  };
}
