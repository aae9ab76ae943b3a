import type { EmulatedFunction } from "./function-types.js";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The demo functions served by `npm start` and `sieve-client emulator`: `demo/dubbing` streams
 * three outputs, `demo/broken` fails.
 *
 * @example
 * const emulator = await startEmulator({ functions: demoFunctions });
 */
export const demoFunctions: Record<string, EmulatedFunction> = {
  "demo/dubbing": {
    description: "Pretends to dub a video: streams one translated segment at a time.",
    inputs: [
      { name: "file", type: "sieve.File", description: "The video to dub." },
      { name: "target_language", type: "str", description: "The language to dub into." },
    ],
    outputs: [{ type: "str", description: "One dubbed segment." }],
    computeType: "l4",
    delayMs: 300,
    handler: async function* (inputs, { signal }) {
      const language = String(inputs.target_language ?? "spanish");
      const segments = ["Hello everyone,", "welcome to the show.", "Let's begin."];
      for (const [index, text] of segments.entries()) {
        await sleep(400, signal);
        yield { segment: index + 1, language, text: `[${language}] ${text}` };
      }
    },
  },
  "demo/broken": {
    description: "Always fails, the way a GPU job runs out of memory.",
    delayMs: 200,
    handler: async (_inputs, { signal }) => sleep(300, signal),
    failWith: "CUDA out of memory (demo)",
  },
};
