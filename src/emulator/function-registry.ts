import { createHash } from "node:crypto";
import type {
  Function as SieveFunction,
  FunctionVersion,
  PushRequest,
} from "../../generated/sieve.js";
import type { EmulatedFunction } from "./function-types.js";
import { machineKey, pricePerSecond, type MachineKey } from "./pricing.js";
import { sieveTimestamp } from "./sieve-format.js";
import { SieveConfigError } from "../index.js";

/** A served function with the metadata the API shows for it. */
export interface RegisteredFunction {
  /** `"owner/name"`. */
  ref: string;
  definition: EmulatedFunction;
  /** Version ids, newest first. */
  versionIds: string[];
  streamOutput: boolean;
  metadata: SieveFunction;
  /** Newest first, as `listFunctionVersions` lists them. */
  versions: FunctionVersion[];
  /** Whether the caller's organization owns it (may list and edit it). */
  owned: boolean;
  /** Dollars per second of running time. */
  pricePerSecond: number;
  /** Where its usage is counted in `DetailedUsage`. */
  machine: MachineKey;
}

/** The function and version a push runs. */
export interface PushTarget {
  fn: RegisteredFunction;
  versionId: string;
}

const DAY_MS = 86_400_000;

/** Whose functions the caller owns: one organization, or (undefined) every owner but `sieve`. */
export type Ownership = string | undefined;

/**
 * The functions an emulator serves, found by `owner/name` or by version id in O(1).
 */
export class FunctionRegistry {
  readonly #byRef = new Map<string, RegisteredFunction>();
  readonly #byVersion = new Map<string, PushTarget>();

  constructor(definitions: Record<string, EmulatedFunction>, now: number, owner?: Ownership) {
    for (const [ref, definition] of Object.entries(definitions)) {
      if (!/^[^/:\s]+\/[^/:\s]+$/.test(ref)) {
        throw new SieveConfigError(
          `startEmulator: function keys must be "owner/name", got "${ref}"`,
        );
      }
      const fn = describe(ref, definition, now, owner);
      this.#byRef.set(ref, fn);
      for (const versionId of fn.versionIds) {
        if (this.#byVersion.has(versionId)) {
          throw new SieveConfigError(`startEmulator: version "${versionId}" is used twice`);
        }
        this.#byVersion.set(versionId, { fn, versionId });
      }
    }
  }

  /**
   * A function by owner and name.
   */
  get(owner: string, name: string): RegisteredFunction | undefined {
    return this.#byRef.get(`${owner}/${name}`);
  }

  /**
   * Every function, in the order given to `startEmulator`.
   */
  list(): RegisteredFunction[] {
    return [...this.#byRef.values()];
  }

  /**
   * What a validated push runs: by `function` (`owner/name[:version]`) or by version `id`.
   * `"invalid"` for a malformed reference, `undefined` for an unknown function or version.
   */
  resolve(request: PushRequest): PushTarget | "invalid" | undefined {
    if (typeof request.id === "string") return this.#byVersion.get(request.id);
    const match = /^([^/:]+)\/([^/:]+)(?::([^/:]+))?$/.exec(request.function ?? "");
    if (!match) return "invalid";
    const [, owner = "", name = "", version] = match;
    const fn = this.get(owner, name);
    if (!fn) return undefined;
    const versionId = version ?? fn.versionIds[0];
    return versionId !== undefined && fn.versionIds.includes(versionId)
      ? { fn, versionId }
      : undefined;
  }
}

/**
 * A function's version by slug: `latest`, a full id, or a prefix of exactly one version's id;
 * undefined when the slug is unknown or ambiguous.
 */
export function findVersion(fn: RegisteredFunction, slug: string): FunctionVersion | undefined {
  if (slug === "latest") return fn.versions[0];
  const exact = fn.versions.find((version) => version.id === slug);
  if (exact) return exact;
  const prefixed = fn.versions.filter((version) => version.id.startsWith(slug));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

function describe(
  ref: string,
  definition: EmulatedFunction,
  now: number,
  organization: Ownership,
): RegisteredFunction {
  const [owner = "", name = ""] = ref.split("/");
  const owned = organization === undefined ? owner !== "sieve" : owner === organization;
  const computeType = definition.computeType ?? "cpu";
  const versionIds = [definition.version ?? stableId(ref), ...(definition.previousVersions ?? [])];
  const streamOutput =
    definition.streamOutput ?? /Generator/.test(Object.prototype.toString.call(definition.handler));
  const versions = versionIds.map((id, age) =>
    describeVersion(definition, id, streamOutput, now - age * DAY_MS),
  );
  const metadata: SieveFunction = {
    name,
    owner_name: owner,
    visibility: owned ? "private" : "public",
    title: name,
    code_url: null,
    description: definition.description ?? null,
    tags: [],
    cover_image_url: null,
    examples: [],
    readme: null,
    latest_version: versions[0] ?? null,
    featured_key: null,
    function_type: "function",
    webhooks: [],
    restart_on_error: false,
  };
  return {
    ref,
    definition,
    versionIds,
    streamOutput,
    metadata,
    versions,
    owned,
    pricePerSecond: pricePerSecond(ref, computeType, definition.pricePerSecond),
    machine: machineKey(computeType),
  };
}

function describeVersion(
  definition: EmulatedFunction,
  id: string,
  streamOutput: boolean,
  readyAt: number,
): FunctionVersion {
  const computeType = definition.computeType ?? "cpu";
  const gpu = computeType !== "cpu";
  return {
    id,
    build_status: "ready",
    queued_at: sieveTimestamp(readyAt - 180_000),
    built_at: sieveTimestamp(readyAt - 60_000),
    ready_at: sieveTimestamp(readyAt),
    compute_type: computeType,
    python_packages: [],
    system_packages: [],
    cuda_version: gpu ? "12.1" : null,
    gpu,
    split: 1,
    minimum_replicas: 0,
    maximum_replicas: 1,
    inputs: (definition.inputs ?? []).map((input) => ({
      type: input.type ?? null,
      name: input.name,
      description: input.description ?? null,
      is_optional: input.optional ?? false,
    })),
    outputs: (definition.outputs ?? []).map((output) => ({
      type: output.type ?? null,
      name: null,
      description: output.description ?? null,
    })),
    current_workers: { starting: 0, setup: 0, active: 0, idle: 1, awaiting_resources: 0 },
    environment_variables: definition.environmentVariables ?? [],
    stream_output: streamOutput,
    function_dependencies: [],
  };
}

/** A UUID-shaped id derived from a name, so a function keeps its version id across runs. */
function stableId(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join("-");
}
