/**
 * Progress on standard error for long runs — bytes and packets per second — only when it is
 * a terminal, the input is large and the user did not ask for quiet.
 */
import type { CliIo } from "./io.js";

const LARGE = 8 << 20;

export class Progress {
  private bytes = 0;
  private packets = 0;
  private readonly started = Date.now();
  private shownAt = 0;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly enabled: boolean,
  ) {}

  static async for(io: CliIo, files: string[], quiet: boolean | undefined): Promise<Progress> {
    if (quiet || !io.stderrIsTTY) return new Progress(io, false);
    let total = 0;
    for (const f of files) total += f === "-" ? LARGE : ((await io.sizeOf?.(f)) ?? 0);
    return new Progress(io, total >= LARGE);
  }

  advance(bytes: number, packets: number): void {
    this.bytes += bytes;
    this.packets += packets;
    const now = Date.now();
    if (!this.enabled || now - this.shownAt < 500) return;
    this.shownAt = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    this.io.stderr(`\r${(this.bytes / 1e6).toFixed(1)} MB, ${this.packets} packets — ${(this.bytes / 1e6 / seconds).toFixed(1)} MB/s, ${Math.round(this.packets / seconds)} packets/s `);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr("\r\u001b[K");
  }
}
