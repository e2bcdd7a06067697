#!/usr/bin/env node
// After `tsc`: writes dist/schema.json, the Pulumi package schema of the provider plugin
// (pulumi-resource-euro-hosting): what its GetSchema serves and `pulumi package gen-sdk` reads
// (docs/plugin-sdks.md). https://www.pulumi.com/docs/iac/using-pulumi/extending-pulumi/schema/
//
// Types come from each kind's zod schemas (`inputs`, `state`; provider/plugin/schemaTypes.ts),
// descriptions from the doc comments TypeScript users see: the resource class, its args
// interface and its outputs, read with the TypeScript compiler from the emitted declarations
// (dist/resources/<vendor>/index.d.ts; a program over declarations only is about ten times
// quicker to query than one over the sources).
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
// Loaded only when the schema is made (see the end): the compiler and the resources take a second to load.
let ts, PACKAGE, typeToken, SchemaTypes, SECRET_KEYS, environmentName, vendorRegistries, packageJson;
function load() {
  ts = require("typescript");
  ({ PACKAGE, typeToken } = require(path.join(dist, "provider/plugin/names")));
  ({ SchemaTypes } = require(path.join(dist, "provider/plugin/schemaTypes")));
  ({ SECRET_KEYS, environmentName } = require(path.join(dist, "provider/settings")));
  ({ vendorRegistries } = require(path.join(dist, "resources/vendors")));
  packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
}

/** C# namespaces of the vendors where capitalizing the vendor is not the brand's spelling. */
const DOTNET_NAMESPACES = { zoneid: "ZoneId" };

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);
/** "disks" → "disk", "addresses" → "address", "entries" → "entry": the name of one item. */
const singular = (name) => name.replace(/ies$/, "y").replace(/(ss|x|ch|sh)es$/, "$1").replace(/([^s])s$/, "$1");

/** Doc comments and type names from the emitted declarations. */
class Declarations {
  constructor(vendors) {
    this.indexes = Object.fromEntries(vendors.map((vendor) => [vendor, path.join(dist, "resources", vendor, "index.d.ts")]));
    const options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      types: [],
      noEmit: true,
    };
    // Declarations of other packages than @pulumi/pulumi (Node's, gRPC's, protobuf's: half of
    // what it pulls in) are read as empty: no type looked at here comes from them.
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, ...rest) =>
      /[\\/]node_modules[\\/]/.test(file) && !/[\\/]node_modules[\\/](@pulumi[\\/]pulumi|typescript[\\/]lib)[\\/]/.test(file)
        ? ts.createSourceFile(file, "", language)
        : read(file, language, ...rest);
    this.program = ts.createProgram(Object.values(this.indexes), options, host);
    this.checker = this.program.getTypeChecker();
    this.ours = [path.join(dist, "resources"), path.join(dist, "provider")].map((dir) => dir + path.sep);
  }

  /** The class `name` of a vendor's module: its doc comment, args type and instance type. */
  resourceClass(vendor, name) {
    const { checker } = this;
    const module = checker.getSymbolAtLocation(this.program.getSourceFile(this.indexes[vendor]));
    let symbol = checker.getExportsOfModule(module).find((exported) => exported.name === name);
    if (!symbol) throw new Error(`plugin-schema: ${vendor}/index.ts exports no class ${name}`);
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const [constructor] = checker.getTypeOfSymbol(symbol).getConstructSignatures();
    if (!constructor || constructor.parameters.length < 2) throw new Error(`plugin-schema: ${vendor}.${name} is not a resource class`);
    return {
      description: this.docOf(symbol),
      args: checker.getTypeOfSymbol(constructor.parameters[1]),
      instance: constructor.getReturnType(),
    };
  }

  docOf(symbol) {
    return ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim() || undefined;
  }

  /** The property at `at` (SchemaPath: names, "[]" for items, "=value" for variants) from `type`. */
  propertyAt(type, at) {
    let symbol;
    for (const segment of at) {
      if (segment === "[]" || segment.startsWith("=")) continue;
      symbol = this.propertyOf(type, segment);
      if (!symbol) return undefined;
      type = this.checker.getTypeOfSymbol(symbol);
    }
    return symbol && { symbol, type };
  }

  propertyOf(type, name) {
    for (const inside of this.typesInside(type)) {
      if (!(inside.flags & ts.TypeFlags.Object) && !inside.isIntersection()) continue;
      const property = this.checker.getPropertyOfType(inside, name);
      if (property) return property;
    }
    return undefined;
  }

  /** Our named interface or type alias a value of `type` holds (inside Input, Output, arrays, maps), if any. */
  namedTypeIn(type) {
    for (const inside of this.typesInside(type)) {
      const alias = inside.aliasSymbol;
      if (alias && this.isOurs(alias) && !inside.aliasTypeArguments) return alias;
      const symbol = inside.getSymbol();
      if (inside.flags & ts.TypeFlags.Object && symbol && symbol.flags & ts.SymbolFlags.Interface && this.isOurs(symbol)) return symbol;
    }
    return undefined;
  }

  /** `type`, then what it wraps: union members, type arguments of Pulumi's and the language's generics, index signatures. */
  *typesInside(type) {
    const queue = [type];
    const seen = new Set();
    while (queue.length > 0) {
      const next = queue.shift();
      if (seen.has(next)) continue;
      seen.add(next);
      yield next;
      if (next.isUnionOrIntersection()) queue.push(...next.types);
      if (next.aliasSymbol && !this.isOurs(next.aliasSymbol)) queue.push(...(next.aliasTypeArguments ?? []));
      if (next.flags & ts.TypeFlags.Object) {
        if (next.objectFlags & ts.ObjectFlags.Reference && next.target.symbol && !this.isOurs(next.target.symbol)) {
          queue.push(...this.checker.getTypeArguments(next));
        }
        for (const index of this.checker.getIndexInfosOfType(next)) queue.push(index.type);
      }
    }
  }

  /** A primitive `type` as a Pulumi type (inside Input, Output, unions with undefined), if it is one. */
  primitiveIn(type) {
    const kinds = new Set();
    for (const inside of this.typesInside(type)) {
      if (inside.isUnionOrIntersection() || inside.aliasSymbol || inside.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
      if (inside.flags & ts.TypeFlags.NumberLiteral) kinds.add(Number.isInteger(inside.value) ? "integer" : "number");
      else if (inside.flags & ts.TypeFlags.NumberLike) kinds.add("number");
      else if (inside.flags & ts.TypeFlags.StringLike) kinds.add("string");
      else if (inside.flags & ts.TypeFlags.BooleanLike) kinds.add("boolean");
      else if (!(inside.flags & ts.TypeFlags.Object && !this.isOurs(inside.getSymbol() ?? inside.aliasSymbol ?? {}))) return undefined;
    }
    if (kinds.size === 2 && kinds.has("integer") && kinds.has("number")) return { type: "number" };
    return kinds.size === 1 ? { type: [...kinds][0] } : undefined;
  }

  isOurs(symbol) {
    return (symbol.declarations ?? []).some((declaration) => this.ours.some((dir) => declaration.getSourceFile().fileName.startsWith(dir)));
  }
}

/** Names and doc comments of one resource's types: from its args (inputs) or its class's outputs. */
function resourceNaming(declarations, vendor, resource, rootType) {
  const namedAt = (at) => {
    const base = at.filter((segment) => !segment.startsWith("="));
    while (base[base.length - 1] === "[]") base.pop();
    const found = declarations.propertyAt(rootType(base[0]), base);
    return found && declarations.namedTypeIn(found.type);
  };
  return {
    objectToken(at) {
      const variants = at.filter((segment) => segment.startsWith("=")).map((segment) => pascal(segment.slice(1)));
      const named = namedAt(at);
      // The interface's name without "Args" (ServerOsArgs → ServerOs); else the resource and the at (ServerDisk).
      const name = named
        ? named.name.replace(/Args$/, "") + variants.join("")
        : resource +
          at
            .map((segment, index) =>
              segment === "[]" ? "" : segment.startsWith("=") ? pascal(segment.slice(1)) : pascal(at[index + 1] === "[]" ? singular(segment) : segment),
            )
            .join("");
      return `${PACKAGE}:${vendor}:${name}`;
    },
    describe(at) {
      const found = declarations.propertyAt(rootType(at[0]), at);
      return found && declarations.docOf(found.symbol);
    },
    declaredType(at) {
      const found = declarations.propertyAt(rootType(at[0]), at);
      return found && declarations.primitiveIn(found.type);
    },
    describeType(at) {
      const named = namedAt(at);
      return named && declarations.docOf(named);
    },
  };
}

/** How to import a kind (Pulumi's "## Import" section of a resource's description), or why it cannot be; "" when it says neither yet. */
function importSection(token, definition) {
  if (definition.importId) {
    const { format, example } = definition.importId;
    return (
      `## Import\n\nAn existing object is imported with its import id, \`${format}\`:\n\n` +
      `\`\`\`sh\n$ pulumi import ${token} example ${example}\n\`\`\`\n`
    );
  }
  if (definition.notImportable) return `## Import\n\nThis resource cannot be imported: ${definition.notImportable}\n`;
  return "";
}

function resourceSpec(declarations, types, vendor, kind, definition) {
  const resource = kind.split(":")[1];
  const { description, args, instance } = declarations.resourceClass(vendor, resource);
  if (!description) throw new Error(`plugin-schema: the class of ${kind} has no doc comment`);
  const stateKeys = Object.keys(definition.state.shape);
  const inputNaming = resourceNaming(declarations, vendor, resource, () => args);
  // An output that is a state property reads as the class's output; an input-only one as the input.
  const outputNaming = resourceNaming(declarations, vendor, resource, (key) => (stateKeys.includes(key) ? instance : args));
  const inputs = types.objectProperties(definition.inputs, "input", [], inputNaming);
  const fromInputs = types.objectProperties(definition.inputs, "output", [], outputNaming);
  const fromState = types.objectProperties(definition.state, "output", [], outputNaming);

  const secrets = new Set(definition.secretProperties ?? []);
  const replacing = new Set(definition.replaceOnChanges);
  const mark = (properties) => {
    for (const [key, property] of Object.entries(properties)) {
      if (secrets.has(key)) property.secret = true;
      if (replacing.has(key)) property.willReplaceOnChanges = true;
      // The output of an input the class does not list: its doc comment is the input's.
      property.description ??= inputs.properties[key]?.description;
    }
    return properties;
  };
  const outputs = { ...fromInputs.properties, ...fromState.properties };
  const required = [...fromInputs.required.filter((key) => !stateKeys.includes(key)), ...fromState.required];
  return {
    description: [description, importSection(typeToken(kind), definition)].filter(Boolean).join("\n\n"),
    properties: mark(outputs),
    ...(required.length > 0 ? { required } : {}),
    inputProperties: mark(inputs.properties),
    ...(inputs.required.length > 0 ? { requiredInputs: inputs.required } : {}),
  };
}

/** One object type per vendor for the provider's settings: the vendor's settings keys, credentials secret. */
function settingsType(vendor, keys) {
  return {
    type: "object",
    description: `Settings of the ${vendor} API. Each one unset here falls back to its environment variable.`,
    properties: Object.fromEntries(
      keys.map((key) => [
        key,
        {
          type: "string",
          description: `The ${vendor} setting \`${key}\` (environment variable \`${environmentName(vendor, key)}\`).`,
          ...(SECRET_KEYS.includes(key) ? { secret: true } : {}),
        },
      ]),
    ),
  };
}

function packageSchema() {
  const vendors = Object.keys(vendorRegistries);
  const declarations = new Declarations(vendors);
  const types = new SchemaTypes();
  const resources = {};
  const settings = {};
  for (const vendor of vendors) {
    const registry = vendorRegistries[vendor]();
    for (const [kind, load] of Object.entries(registry.definitions)) {
      resources[typeToken(kind)] = resourceSpec(declarations, types, vendor, kind, load());
    }
    const token = `${PACKAGE}:${vendor}:Settings`;
    if (types.types[token]) throw new Error(`plugin-schema: ${token} is both a settings type and another type`);
    types.types[token] = settingsType(vendor, registry.settingsKeys);
    settings[vendor] = {
      $ref: `#/types/${token}`,
      description: `Settings of the ${vendor} API (${registry.settingsKeys.map((key) => `\`${key}\``).join(", ")}). Secret as a whole: it holds credentials.`,
      secret: true,
    };
  }
  const sorted = (record) => Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
  return {
    name: PACKAGE,
    displayName: "Euro Hosting",
    version: packageJson.version,
    description: packageJson.description,
    keywords: ["pulumi", PACKAGE, ...vendors, "category/infrastructure", "kind/native"],
    homepage: packageJson.homepage,
    license: packageJson.license,
    meta: { moduleFormat: "(.*)" },
    config: { variables: settings },
    provider: {
      description: `The ${PACKAGE} provider: the settings of each vendor's API, one object per vendor.`,
      inputProperties: settings,
    },
    types: sorted(types.types),
    resources: sorted(resources),
    language: {
      nodejs: { packageName: "@pulumi-euro-hosting/sdk", packageDescription: packageJson.description },
      python: { packageName: "pulumi_euro_hosting", pyproject: { enabled: true } },
      go: {
        importBasePath: "github.com/pulumi-euro-hosting/pulumi-euro-hosting/sdk/go/eurohosting",
        rootPackageName: "eurohosting",
        generateResourceContainerTypes: true,
      },
      csharp: {
        rootNamespace: "Pulumi",
        namespaces: Object.fromEntries([[PACKAGE, "EuroHosting"], ...vendors.map((vendor) => [vendor, DOTNET_NAMESPACES[vendor] ?? pascal(vendor)])]),
      },
    },
  };
}

/**
 * A hash of everything the schema is made from: the built resources and provider (code and
 * declarations), this script, package.json and the versions of the packages it reads with.
 */
function inputsHash() {
  const hash = crypto.createHash("sha256");
  const add = (file) => hash.update(`${path.relative(root, file)}\0`).update(fs.readFileSync(file));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else add(full);
    }
  };
  walk(path.join(dist, "provider"));
  walk(path.join(dist, "resources"));
  add(__filename);
  add(path.join(root, "package.json"));
  for (const name of ["typescript", "zod", "@pulumi/pulumi"]) add(require.resolve(`${name}/package.json`, { paths: [root] }));
  return hash.digest("hex");
}

// A rebuild of unchanged sources keeps the schema (the compiler's part takes seconds).
function main() {
  const started = Date.now();
  const target = path.join(dist, "schema.json");
  const stamp = path.join(dist, "schema.json.inputs");
  const inputs = inputsHash();
  if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === inputs) {
    if (process.env.PLUGIN_SCHEMA_TIMING) console.error(`plugin-schema: unchanged (${Date.now() - started} ms)`);
    return;
  }
  load();
  const schema = packageSchema();
  fs.writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  fs.writeFileSync(stamp, inputs);
  if (process.env.PLUGIN_SCHEMA_TIMING) {
    console.error(`plugin-schema: ${Object.keys(schema.resources).length} resources, ${Object.keys(schema.types).length} types in ${Date.now() - started} ms`);
  }
}

module.exports = { importSection };
if (require.main === module) main();
