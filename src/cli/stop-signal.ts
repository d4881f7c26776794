// Long-running commands (serve, watch, probe --authority-only) stop on SIGTERM,
// SIGINT or after --duration seconds, whichever comes first. Listen before
// announcing readiness: a harness may signal the moment it reads the ready line.

/** Resolves with why the command should stop: the signal's name, or 'duration'. */
export function stopSignal(durationSeconds?: number): Promise<string> {
  return new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => finish(signal);
    const timer = durationSeconds !== undefined ? setTimeout(() => finish('duration'), durationSeconds * 1000) : undefined;
    function finish(why: string) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      if (timer) clearTimeout(timer);
      resolve(why);
    }
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
