# shellcheck shell=bash
# Sourced by ./custos: installing what the build, the tests and the local stack need (./custos setup).
# Idempotent and quiet when nothing is missing. Uses ROOT, TOOLS_DIR, say, die and mvnw from ./custos.

# Pinned versions of what the scripts install. Maven and Java libraries are pinned in pom.xml.
ANVIL_PKG="@foundry-rs/anvil-linux-amd64"
CAST_PKG="@foundry-rs/cast-linux-amd64"
FOUNDRY_VERSION="1.7.1"
OPENZEPPELIN_PKG="@openzeppelin/contracts" # compiled ERC-20 artifacts for the ERC-20 tests
OPENZEPPELIN_VERSION="4.9.6"

# ---------------------------------------------------------------------------------------------------
# JDK: the build needs 21+; the machine default may be older.
java_major() { # $1 = java binary
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_jdk() {
  local candidates=() dir major
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  # Newest first: temurin/openjdk directories under /usr/lib/jvm, then whatever java is on PATH.
  if [[ -d /usr/lib/jvm ]]; then
    while IFS= read -r dir; do candidates+=("$dir"); done < <(printf '%s\n' /usr/lib/jvm/*/ | sort -rV)
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in "${candidates[@]}"; do
    dir="${dir%/}"
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
    major="$(java_major "$dir/bin/java")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

use_jdk() {
  local jdk
  jdk="$(find_jdk)" || die "no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/* and java on PATH).
  Install one (e.g. Eclipse Temurin 21 or 25, or Debian's openjdk-21-jdk where available) and set JAVA_HOME to it."
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 24+ warns about sun.misc.Unsafe in Maven's own plugins (guava, spotless); not our code, only noise.
  if [[ "$(java_major "$jdk/bin/java")" -ge 24 ]]; then
    export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
  fi
}

# ---------------------------------------------------------------------------------------------------
# System packages: SoftHSM2 (the development HSM) and OpenSC (pkcs11-tool, for operators).
have_softhsm() {
  command -v softhsm2-util >/dev/null 2>&1 &&
    { [[ -f /usr/lib/softhsm/libsofthsm2.so ]] || [[ -f /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so ]]; }
}

missing_system_packages() {
  have_softhsm || echo softhsm2
  command -v pkcs11-tool >/dev/null 2>&1 || echo opensc
  command -v curl >/dev/null 2>&1 || echo curl
  command -v jq >/dev/null 2>&1 || echo jq
  { command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; } || echo "nodejs npm"
}

install_system_packages() {
  local missing
  missing="$(missing_system_packages | xargs)"
  [[ -z "$missing" ]] && return 0
  if [[ ! -f /etc/debian_version ]]; then
    die "missing: $missing. This machine is not Debian/Ubuntu; install the equivalents as root yourself:
  Fedora/RHEL: dnf install softhsm opensc nodejs npm
  Arch:        pacman -S softhsm opensc nodejs npm
then run this command again. (macOS is not supported: the pinned anvil and cast packages are built
for Linux x86-64 only.)"
  fi
  local apt=(apt-get)
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing: $missing. Run as root: apt-get install $missing"
    apt=(sudo apt-get)
  fi
  say "installing $missing (Debian packages)"
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq >/dev/null
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

# ---------------------------------------------------------------------------------------------------
# npm tools: anvil (the devnet) and cast (an independent client for checks), pinned, project-local.
installed_npm_version() { # $1 = package
  local pj="$TOOLS_DIR/node_modules/$1/package.json"
  [[ -f "$pj" ]] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pj" | head -n 1
}

install_npm_tools() {
  # npm prunes what a --no-save install does not name, so the whole pinned set goes in one command.
  local pinned=("$ANVIL_PKG@$FOUNDRY_VERSION" "$CAST_PKG@$FOUNDRY_VERSION" "$OPENZEPPELIN_PKG@$OPENZEPPELIN_VERSION")
  local spec missing=0
  for spec in "${pinned[@]}"; do
    [[ "$(installed_npm_version "${spec%@*}")" == "${spec##*@}" ]] || missing=1
  done
  [[ $missing -eq 0 ]] && return 0
  [[ "$(uname -s)/$(uname -m)" == Linux/x86_64 ]] ||
    die "$ANVIL_PKG and $CAST_PKG are built for Linux x86-64 only; this machine is $(uname -s) $(uname -m)"
  say "installing ${pinned[*]} into .tools/"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --no-progress --loglevel=error --no-save \
    "${pinned[@]}" >/dev/null
}

# ---------------------------------------------------------------------------------------------------
# Keycloak: the identity provider for integration tests and the demo, from Maven Central. The version is
# pinned in pom.xml (<keycloak.version>).
keycloak_version() { sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1; }

keycloak_home() { echo "$TOOLS_DIR/keycloak-$(keycloak_version)"; }

install_keycloak() {
  local version home zip
  version="$(keycloak_version)"
  home="$(keycloak_home)"
  [[ -f "$home/bin/kc.sh" ]] && return 0
  say "installing Keycloak $version into .tools/"
  mkdir -p "$TOOLS_DIR"
  mvnw -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
    -DoutputDirectory="$TOOLS_DIR" || die "could not fetch Keycloak $version from Maven Central"
  zip="$TOOLS_DIR/keycloak-quarkus-dist-$version.zip"
  rm -rf "$home.partial" && mkdir -p "$home.partial"
  "$JAVA_HOME/bin/jar" --extract --file "$zip" --dir "$home.partial" ||
    die "could not unpack $zip"
  mv "$home.partial/keycloak-$version" "$home" && rm -rf "$home.partial" "$zip"
}

setup() {
  install_system_packages
  install_npm_tools
  use_jdk
  install_keycloak
}
