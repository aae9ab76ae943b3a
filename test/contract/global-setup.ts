import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startPrism } from "../support/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving openapi/sieve.yaml, e.g. http://127.0.0.1:40123 */
    prismUrl: string;
  }
}

/** Starts one Prism mock for the contract project and stops it when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism("mock");
  project.provide("prismUrl", prism.url);
  return prism.stop;
}
