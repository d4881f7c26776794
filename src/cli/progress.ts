// Progress of runs that can take more than a couple of seconds (matrix,
// probe, zonemd loaders, fixtures --measure): one status line redrawn in place
// when stderr is a terminal; nothing in pipes and logs, where hundreds of
// lines would bury the result; nothing with --quiet.

import { notice, type CliIo } from './command.js';

const CLEAR_LINE = '\r\u001b[K';

/** Whether a status line is drawn: stderr is a terminal and --quiet is off. */
export function showsProgress(io: Pick<CliIo, 'stderr' | 'quiet'>): boolean {
  return Boolean(io.stderr.isTTY) && !io.quiet;
}

export interface Progress {
  /** Redraws the status line: `[done/total] text`. */
  step(done: number, total: number, text: string): void;
  /** A notice that stays (clears the status line first, which the next step redraws). */
  note(line: string): void;
  /** Ends the status line so later output starts on a fresh line. */
  end(): void;
}

export function startProgress(io: CliIo): Progress {
  const shown = showsProgress(io);
  let drawn = false;
  const clear = () => {
    if (drawn) io.stderr.write(CLEAR_LINE);
    drawn = false;
  };
  return {
    step(done, total, text) {
      if (!shown) return;
      io.stderr.write(`${CLEAR_LINE}[${String(done).padStart(String(total).length)}/${total}] ${text}`);
      drawn = true;
    },
    note(line) {
      clear();
      notice(io, line);
    },
    end() {
      if (drawn) io.stderr.write('\n');
      drawn = false;
    },
  };
}
