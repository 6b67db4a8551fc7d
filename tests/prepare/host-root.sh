# Builds (once) a Debian bookworm root with systemd as its init, for the agent's real-systemd tests
# (sourced by tests/run), and exports its path as ORCHESTRATOR_TEST_HOST_ROOT. The root is cached between
# runs; the tests copy it per run, so the cached one stays clean. Needs root, debootstrap and
# systemd-nspawn (tests/prepare/packages.sh installs them); without them the variable stays unset and the
# agent's end-to-end tests fail saying so.
host_root_cache=${ORCHESTRATOR_TEST_HOST_ROOT_CACHE:-/var/cache/orchestrator-tests/bookworm-root}

# The Debian mirror this machine's apt uses (deb822 "URIs:" or a one-line "deb URL bookworm ..."), so the
# build needs no network route beyond the one apt already has.
host_root_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n 1)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '{print $2}' | grep -v security | head -n 1)
  echo "${uri:-http://deb.debian.org/debian}"
}

if [ -x "$host_root_cache/lib/systemd/systemd" ] && [ -f "$host_root_cache/.orchestrator-complete" ]; then
  export ORCHESTRATOR_TEST_HOST_ROOT="$host_root_cache"
elif [ "$(id -u)" -ne 0 ] || ! command -v debootstrap >/dev/null; then
  echo "warning: cannot build the systemd root (needs root and debootstrap); agent end-to-end tests will fail" >&2
else
  echo "building the systemd test root in $host_root_cache (once)"
  rm -rf "$host_root_cache.partial"
  mkdir -p "$(dirname "$host_root_cache")"
  if debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm \
      "$host_root_cache.partial" "$(host_root_mirror)" >"$(dirname "$host_root_cache")/debootstrap.log" 2>&1; then
    # A marker, so that a build interrupted half-way is never taken for a usable root.
    touch "$host_root_cache.partial/.orchestrator-complete"
    rm -rf "$host_root_cache"
    mv "$host_root_cache.partial" "$host_root_cache"
    export ORCHESTRATOR_TEST_HOST_ROOT="$host_root_cache"
  else
    echo "warning: debootstrap failed (see $(dirname "$host_root_cache")/debootstrap.log); agent end-to-end tests will fail" >&2
    rm -rf "$host_root_cache.partial"
  fi
fi
