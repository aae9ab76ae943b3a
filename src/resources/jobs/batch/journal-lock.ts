import * as fs from "node:fs/promises";
import { SieveJournalError } from "./batch-errors.js";

/**
 * Takes `<path>.lock` for this process, or throws a `SieveJournalError` naming the process that
 * holds it: two batches appending to one journal would each trust the other's half-written
 * steps and push the same jobs twice. A lock whose process is gone (killed, crashed) is stale and
 * taken over. Resolves with the function that lets it go.
 */
export async function lockJournal(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: "wx" });
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") {
        throw new SieveJournalError(`Cannot lock the journal ${path} (${lockPath}).`, {
          cause: error,
        });
      }
    }
    const holder = Number.parseInt(await fs.readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isSafeInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new SieveJournalError(
        `The journal ${path} is in use by process ${holder}${holder === process.pid ? " (this one)" : ""}: ` +
          `two batches on one journal could push the same jobs twice. Wait for that batch to ` +
          `end, or delete ${lockPath} if no such batch runs.`,
      );
    }
    // Its process is gone: the lock is stale. If another process takes it over first, the next
    // try finds that one running.
    await fs.rm(lockPath, { force: true });
  }
  throw new SieveJournalError(`Cannot lock the journal ${path}: ${lockPath} keeps coming back.`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: unknown }).code === "EPERM";
  }
}
