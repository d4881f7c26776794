/** argv run inside the named network namespace (`ip netns exec` also bind-mounts /etc/netns/NAME files). */
export function netnsExec(name: string, argv: readonly string[]): string[] {
  return ['ip', 'netns', 'exec', name, ...argv];
}
