# Installs the Debian packages the tests use when they are missing (sourced by tests/run).
# The agent's tests need a real systemd root (debootstrap, systemd-nspawn) and network namespaces
# with iptables/nft; the rest needs nothing beyond the .NET SDK and kubectl.
needed=()
command -v debootstrap >/dev/null || needed+=(debootstrap)
command -v systemd-nspawn >/dev/null || needed+=(systemd-container)
command -v iptables >/dev/null || needed+=(iptables)
command -v nft >/dev/null || needed+=(nftables)
command -v ip >/dev/null || needed+=(iproute2)
if [ "${#needed[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${needed[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
  else
    echo "warning: not root, cannot install ${needed[*]}; tests that need them will fail" >&2
  fi
fi
