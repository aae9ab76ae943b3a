import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser } from "puppeteer-core";
import type { FlowConfig, FlowResult } from "../flow/flow-types.js";
import { buildBrowserScript } from "../harness/bundle.js";
import { type Handler, startLocalServer } from "../../support/local-server.js";
import type { RunnerContext, RunnerOutput, RuntimeRunner } from "./runtime-runner.js";

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>sieve-client smoke</title>' +
  '<script type="module" src="/smoke.js"></script>';

/** Serves the page at `/` and the bundle at `/smoke.js`. */
function pageHandler(bundle: string): Handler {
  return (request, response) => {
    const path = request.path.split("?")[0];
    const body = path === "/" ? PAGE : path === "/smoke.js" ? bundle : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = path === "/" ? "text/html" : "text/javascript";
    response.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(body);
  };
}

/**
 * @sparticuz/chromium's flags, less `--disable-web-security` (which would switch CORS off, the
 * very thing the page must get through) and its own `--headless` (puppeteer sets it).
 */
function chromiumArgs(): string[] {
  return chromium.args.filter(
    (arg) => arg !== "--disable-web-security" && !arg.startsWith("--headless"),
  );
}

/** Starts the headless Chromium that @sparticuz/chromium ships (unpacked on first use). */
export async function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromiumArgs(),
    headless: "shell",
    protocolTimeout: 60_000,
  });
}

/** Opens `url`, waits for the bundle's `runSmokeFlow`, and runs it with `config`. */
async function runInPage(browser: Browser, url: string, config: FlowConfig): Promise<FlowResult> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${String(error)}`));
  page.on("console", (message) => problems.push(`console.${message.type()}: ${message.text()}`));
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => "runSmokeFlow" in globalThis, { timeout: 10_000 });
    return await page.evaluate(
      (given) =>
        (
          globalThis as unknown as { runSmokeFlow: (c: FlowConfig) => Promise<FlowResult> }
        ).runSmokeFlow(given),
      config,
    );
  } catch (error) {
    throw new Error(`the page failed: ${String(error)}\n${problems.join("\n")}`, { cause: error });
  } finally {
    await page.close();
  }
}

/**
 * Headless Chromium: a page on its own port of 127.0.0.1 (another origin than the emulator,
 * which allows it through `cors`) loads the package bundled for browsers with the flow.
 */
export const chromiumRunner: RuntimeRunner = {
  label: "chromium",
  runtime: "chromium",
  expectedEntry: "web",
  how:
    "puppeteer-core drives @sparticuz/chromium; a page on another port of 127.0.0.1 loads the " +
    "package bundled by esbuild (`browser` condition); the emulator has `cors: [page origin]`",
  async run({ project, startTarget }: RunnerContext): Promise<RunnerOutput> {
    const script = await buildBrowserScript(project);
    const server = await startLocalServer(pageHandler(script.code));
    let browser: Browser | undefined;
    try {
      const config = await startTarget({ cors: [server.url] });
      browser = await launchChromium();
      const flow = await runInPage(browser, `${server.url}/`, config);
      return script.entryFile === undefined ? { flow } : { flow, entryFile: script.entryFile };
    } finally {
      await browser?.close();
      await server.close();
    }
  },
};
