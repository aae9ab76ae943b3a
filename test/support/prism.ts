import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const prismBin = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));
export const specFile = fileURLToPath(new URL("../../openapi/sieve.yaml", import.meta.url));

/** A running Prism process: its base URL and a way to stop it. */
export interface PrismServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts Prism (`mock <spec>` or `proxy <spec> <upstream>`) with `--errors` on a free port of
 * 127.0.0.1 and resolves once it listens. If it exits or stays silent for `startTimeoutMs`, it
 * rejects with everything Prism printed, so a broken spec fails the run instead of skipping it.
 */
export async function startPrism(
  mode: "mock" | "proxy",
  upstream?: string,
  { startTimeoutMs = 30_000, spec = specFile }: { startTimeoutMs?: number; spec?: string } = {},
): Promise<PrismServer> {
  const port = await freePort();
  const args = [mode, spec, ...(upstream ? [upstream] : [])];
  args.push("--errors", "--host", "127.0.0.1", "--port", String(port));
  const child = spawn(prismBin, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString("utf8"));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  await new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.stdout.off("data", onData);
    };
    const onExit = (code: number | null) => {
      done();
      reject(
        new Error(
          `Prism ${mode} did not start: exited with code ${code}\n--- Prism output ---\n${output}`,
        ),
      );
    };
    const onData = () => {
      if (!output.includes("Prism is listening")) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      child.kill("SIGKILL");
      reject(
        new Error(
          `Prism ${mode} did not start: not listening after ${startTimeoutMs} ms\n--- Prism output ---\n${output}`,
        ),
      );
    }, startTimeoutMs);
    child.once("exit", onExit);
    child.stdout.on("data", onData);
  });

  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
