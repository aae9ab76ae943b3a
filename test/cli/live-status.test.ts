import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startLiveStatus } from "../../src/cli/lib/live-status.js";
import { CLEAR_LINE, createScreen } from "../../src/cli/lib/screen.js";

function recorder() {
  const io = { out: "", err: "" };
  const screen = createScreen({
    stdout: { write: (text) => void (io.out += text) },
    stderr: { write: (text) => void (io.err += text) },
  });
  return { io, screen };
}

describe("startLiveStatus", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("on a terminal, redraws in place every interval and on each change", () => {
    const { io, screen } = recorder();
    const live = startLiveStatus(screen, { tty: true, now: Date.now, initial: "pushing" });
    vi.advanceTimersByTime(450);
    live.update("queued", "j1");
    vi.advanceTimersByTime(200);
    live.update("processing");
    live.stop();
    const draws = io.err.split(CLEAR_LINE);
    expect(draws).toEqual([
      "",
      "pushing       0.0s",
      "pushing       0.2s",
      "pushing       0.4s",
      "queued        0.4s  job j1",
      "queued        0.6s  job j1",
      "processing    0.6s  job j1",
      "processing    0.6s  job j1\n",
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("off a terminal, writes one line per status change and nothing else", () => {
    const { io, screen } = recorder();
    const live = startLiveStatus(screen, { tty: false, now: Date.now, initial: "waiting" });
    vi.advanceTimersByTime(1_000);
    live.update("queued", "j1");
    live.update("queued", "j1");
    vi.advanceTimersByTime(2_500);
    live.update("processing", "j1");
    live.update("finished", "j1");
    live.stop();
    live.update("error", "j1");
    expect(io.err).toBe(
      "queued        1.0s  job j1\nprocessing    3.5s  job j1\nfinished      3.5s  job j1\n",
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fits the terminal's width", () => {
    const { io, screen } = recorder();
    const live = startLiveStatus(screen, {
      tty: true,
      now: Date.now,
      initial: "waiting",
      jobId: "0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61",
      columns: () => 30,
    });
    live.stop();
    for (const draw of io.err.split(CLEAR_LINE)) expect(draw.trimEnd().length).toBeLessThan(30);
  });
});

describe("createScreen", () => {
  it("erases the status line before another line and draws it again after", () => {
    const { io, screen } = recorder();
    screen.out("before");
    screen.status("processing");
    screen.out("output 1");
    screen.err("note");
    screen.endStatus();
    screen.out("after");
    expect(io.out).toBe("before\noutput 1\nafter\n");
    expect(io.err).toBe(
      `${CLEAR_LINE}processing${CLEAR_LINE}processing${CLEAR_LINE}note\nprocessing\n`,
    );
  });
});
