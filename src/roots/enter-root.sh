#!/bin/sh
# Runs a command inside a root filesystem without changing it or the host.
# Called inside a private mount namespace (`ip netns exec`, or `unshare -m`):
# every mount made here vanishes with the last process of that namespace.
#
#   enter-root.sh ROOT [--resolver] [--resolv-conf FILE] [--bind HOSTDIR INSIDE]... -- COMMAND ARG...
#
# /proc, /dev, a fresh tmpfs on /run and /tmp (so nothing the command writes
# there stays in the root), --bind directories from the host, and with
# --resolver the namespace's /etc/resolv.conf and /etc/hosts over the root's
# (--resolv-conf: that file as resolv.conf instead, e.g. one naming a stub
# resolver that runs in the namespace).
set -eu
root=$1
shift
resolver=0
resolv_conf=/etc/resolv.conf
binds=
while [ $# -gt 0 ]; do
  case $1 in
    --resolver) resolver=1; shift ;;
    --resolv-conf) resolv_conf=$2; shift 2 ;;
    --bind) binds="$binds
$2
$3"; shift 3 ;;
    --) shift; break ;;
    *) echo "enter-root: unknown option $1" >&2; exit 125 ;;
  esac
done
[ -x "$root/bin/sh" ] || [ -x "$root/usr/bin/sh" ] || { echo "enter-root: $root has no /bin/sh" >&2; exit 125; }
for d in proc dev run tmp; do
  [ -d "$root/$d" ] || { echo "enter-root: $root/$d is not a directory" >&2; exit 125; }
done
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=0755,size=256m tmpfs "$root/run"
mount -t tmpfs -o mode=1777,size=1g tmpfs "$root/tmp"
if [ -n "$binds" ]; then
  printf '%s\n' "$binds" | sed 1d | while IFS= read -r host && IFS= read -r inside; do
    mkdir -p "$root$inside"
    mount --bind "$host" "$root$inside"
  done
fi
if [ "$resolver" = 1 ]; then
  for f in resolv.conf hosts; do
    target="$root/etc/$f"
    # A symbolic link would be followed outside the root by mount: refuse it.
    if [ -L "$target" ] || [ ! -f "$target" ]; then
      echo "enter-root: $target must be a regular file (it is a link or missing)" >&2
      exit 125
    fi
    source=/etc/$f
    [ "$f" = resolv.conf ] && source=$resolv_conf
    mount --bind "$source" "$target"
  done
fi
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOME=/root
export PATH HOME
exec chroot "$root" "$@"
