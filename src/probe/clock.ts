// One clock for the probe's evidence: the authority stamps each question it
// receives and the runner stamps each question it sends to the resolver and
// each answer it receives with it, so "the authority was asked before the
// answer arrived" is a comparison of two numbers from the same process.
// Wall-clock milliseconds with sub-millisecond resolution, never going back.

export function probeNow(): number {
  return performance.timeOrigin + performance.now();
}
