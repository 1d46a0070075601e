/**
 * A one-line progress bar on stderr for the command line's long jobs: redrawn in place on a
 * terminal (at most 10 times a second), one plain line every 10 % when stderr is a file or a pipe,
 * so logs stay readable. Stdout is left to the job's summary.
 */
export function progressBar(label: string, total: number) {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastDraw = 0;
  let lastTenth = -1;
  let done = 0;
  const line = () => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${rate.toLocaleString("en")}/s`;
  };
  return {
    update(value: number) {
      done = value;
      const now = performance.now();
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        process.stderr.write(`\r${line()}`);
      } else {
        const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        process.stderr.write(`${line()}\n`);
      }
    },
    stop() {
      if (tty) process.stderr.write(`\r${line()}\n`);
      else if (lastTenth < 10) process.stderr.write(`${line()}\n`);
    },
  };
}
