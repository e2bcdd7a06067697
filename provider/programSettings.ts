import * as pulumi from "@pulumi/pulumi";
import { SettingsSource } from "./settings";

/**
 * Settings source for lookups that run in the Pulumi program itself, where
 * `pulumi.Config` works (it does not inside the provider process).
 */
export const programConfigSource: SettingsSource = (qualifiedKey) => {
  const [namespace, key] = qualifiedKey.split(":");
  return new pulumi.Config(namespace).get(key);
};
