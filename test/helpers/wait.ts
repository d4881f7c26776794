// Waiting for a condition no event announces (another process's exit, a file
// appearing): check it again after each short pause until it holds. The
// test's own timeout is the bound; nothing here asserts how long it took.

export async function until(condition: () => boolean, pauseMs = 20): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
