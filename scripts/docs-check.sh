#!/usr/bin/env bash
# The shell blocks a reader is told to run, run: every fenced ```sh block of README.md, cli/README.md and
# docs/quickstart.md, against the local stack of ./custos up or ./custos demo (CI runs this between
# ./custos demo and ./custos down). A command that stops working fails CI.
#
# Blocks whose info string carries a marker are not run, only checked: `bash -n` parses them, and every
# `./custos <command> --flag` in them must be a flag that `./custos <command> --help` lists:
#   ```sh {own-infra}   commands for the reader's own HSM, database, identity provider and node
#   ```sh {synopsis}    reference syntax: [optional] parts, … elisions, placeholders
#   ```sh {ci}          commands .ci/run runs itself (./custos test, ./custos demo)
#
# Every other block runs, command by command (a line, with its `\` continuations), in one bash
# session per document, from the repository root, so `export` and `cd` carry over. Each command must
# exit 0 unless its line says `# expect-exit: N`, and its output must contain TEXT where the line says
# `# expect: TEXT`.
#
# Substitution, the one way: a placeholder `<name>` in a command is filled from the output of the
# commands before it, as a reader copies it from their terminal:
#   <id>        the request (or governance request) the last command that named one printed first,
#               on its `request <id>` line
#   <address>   the first address printed by the last `wallet show`
#   <hash>      the last 32-byte hex value printed (a transaction hash)
#   <calldata>  the "calldata" of the last JSON printed
# and what a reader types at a prompt comes from the environment variables the CLI reads instead:
# `login --user NAME` gets CUSTOS_PASSWORD=NAME-demo, a service account CUSTOS_CLIENT_SECRET (the secret
# ./custos up generated, from the stack's staking-bot.secret), keystores
# CUSTOS_KEYSTORE_PASSWORD; a signature's "sign?" question is answered by adding --yes. `~/` and the
# `/tmp/custos-` prefix of the reader's CLI config dirs are a scratch directory, fresh per run, so the
# reader's home is left alone and no login or EIP-712 domain pin of an earlier stack is reused.
#
# The quickstart makes wallets and keys of its own, so it runs once per stack (CI: a fresh one).
# DOCS_CHECK_ONLY=1 checks every block without running any (no stack needed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DOCS=(README.md cli/README.md docs/quickstart.md)

# The JDK the launcher would pick, for the `java` a reader runs (the machine's default may be older).
say() { printf 'docs-check: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
use_jdk

scratch="$(mktemp -d "${TMPDIR:-/tmp}/custos-docs.XXXXXX")"
# What the blocks write into the working tree (an audit export, a key) goes when the run ends; what
# was there before stays.
git ls-files --others --exclude-standard | sort >"$scratch/untracked.before"
cleanup() {
  git ls-files --others --exclude-standard | sort | comm -13 "$scratch/untracked.before" - |
    while IFS= read -r f; do rm -f -- "$f"; done
  rm -rf "$scratch"
}
trap cleanup EXIT
failures=0

fail() {
  printf 'docs-check: FAIL %s\n' "$*" >&2
  failures=$((failures + 1))
}

# Splits a document's ```sh blocks into $scratch/blocks/<doc>.<n>.sh, with <n>.info holding
# "<first line> <info string>".
extract_blocks() { # $1 = document
  local dir="$scratch/blocks" base
  base="$(echo "$1" | tr '/' '_')"
  mkdir -p "$dir"
  awk -v dir="$dir" -v base="$base" '
    /^```/ && !inblock { if ($0 ~ /^```sh( |$)/) { n++; inblock = 1; info = substr($0, 6);
        file = sprintf("%s/%s.%02d", dir, base, n); print NR + 1 " " info > (file ".info"); close(file ".info");
        printf "" > (file ".sh") } else { other = 1; inblock = 1 } next }
    /^```/ && inblock { inblock = 0; other = 0; next }
    inblock && !other { print >> (file ".sh") }
  ' "$1"
}

# ---------------------------------------------------------------------------------------------------
# Checked blocks: parse, and flags against --help.
help_text() { # $@ = command words; caches the help of ./custos <words>
  local key
  key="$scratch/help.$(echo "$*" | tr ' /' '__')"
  if [[ ! -f "$key" ]]; then
    case "$1" in
      test | demo | up | status | down | setup | bench) ./custos help >"$key" 2>&1 || true ;;
      *) ./custos "$@" --help >"$key" 2>&1 || rm -f "$key" ;;
    esac
  fi
  [[ -f "$key" ]] && cat "$key"
}

check_flags() { # $1 = block file, $2 = where
  local line words w1 w2 help flag
  # Each ./custos invocation of a line (continuations joined, comments dropped), up to a pipe or &&.
  while IFS= read -r line; do
    read -ra words <<<"${line#./custos }"
    w1="${words[0]:-}" w2="${words[1]:-}"
    if [[ -n "$w2" && "$w2" =~ ^[a-z][a-z-]*$ ]] && help="$(help_text "$w1" "$w2")"; then
      :
    elif ! help="$(help_text "$w1")"; then
      fail "$2: ./custos $w1: no such command"
      continue
    fi
    for flag in $(grep -oE -- '(^|[ [])--[a-z][a-z-]*' <<<"$line" | tr -d ' ['); do
      grep -qE -- "(^|[[ ,])$flag([] =,]|$)" <<<"$help" || fail "$2: ./custos $w1 ${w2:+$w2 }has no $flag"
    done
  done < <(awk '{ if (sub(/\\$/, "")) { buf = buf $0; next } print buf $0; buf = "" }' "$1" |
    sed -E 's/(^|[[:space:]])#.*$//' | grep -oE '\./custos [^|&;]*' || true)
}

check_block() { # $1 = block file, $2 = where
  # A placeholder would parse as a redirection: parse the block with a word in its place.
  sed -E 's/<[a-z][a-z ]*>/PLACEHOLDER/g' "$1" >"$scratch/parse.sh"
  bash -n "$scratch/parse.sh" 2>"$scratch/parse.err" || fail "$2: does not parse: $(cat "$scratch/parse.err")"
  check_flags "$1" "$2"
}

# ---------------------------------------------------------------------------------------------------
# Run blocks.
CUSTOS_CLIENT_SECRET="$(cat "${CUSTOS_STATE_DIR:-.custos}/staking-bot.secret" 2>/dev/null || true)"
export NO_COLOR=1 CUSTOS_KEYSTORE_PASSWORD="docs-check-keystore" CUSTOS_CLIENT_SECRET
export CUSTOS_CONFIG_DIR="$scratch/config"
last_id="" last_address="" last_hash="" last_calldata=""

substitute() { # $1 = command text
  local c="$1" user
  c="${c//<id>/$last_id}"
  c="${c//<address>/$last_address}"
  c="${c//<hash>/$last_hash}"
  c="${c//<calldata>/$last_calldata}"
  # Before ~/: the scratch directory's own path starts with /tmp/custos-.
  c="${c//\/tmp\/custos-//$scratch/custos-}" # the reader's CLI config dirs: fresh per run, as ~/ is
  c="${c//\~\//$scratch/}"
  while [[ "$c" =~ (^|[^=])\./custos\ login\ --user\ ([a-z]+) ]]; do
    user="${BASH_REMATCH[2]}"
    c="${c/.\/custos login --user $user/CUSTOS_PASSWORD=$user-demo ./custos login -u $user}"
  done
  c="${c//.\/custos login -u /./custos login --user }"
  c="${c//.\/custos tx approve /./custos tx approve --yes }"
  c="${c//.\/custos tx reject /./custos tx reject --yes }"
  c="${c//.\/custos approver register /./custos approver register --yes }"
  printf '%s' "$c"
}

remember() { # $1 = command, $2 = its output file
  local v
  v="$(grep -oE "request +[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" "$2" | head -n 1 || true)"
  v="${v##* }"
  [[ -n "$v" ]] && last_id="$v"
  if [[ "$1" == *"wallet show"* ]]; then
    v="$(grep -oE '0x[0-9a-fA-F]{40}' "$2" | head -n 1 || true)"
    [[ -n "$v" ]] && last_address="$v"
  fi
  v="$(grep -oE '0x[0-9a-f]{64}' "$2" | tail -n 1 || true)"
  [[ -n "$v" ]] && last_hash="$v"
  v="$(grep -oE '"calldata" *: *"0x[0-9a-f]*"' "$2" | tail -n 1 | grep -oE '0x[0-9a-f]*' || true)"
  [[ -n "$v" ]] && last_calldata="$v"
  return 0
}

run_command() { # $1 = command as written, $2 = where
  local cmd="$1" expect="" expect_exit=0 rc=0 out="$scratch/out"
  [[ "$cmd" =~ \#\ *expect-exit:\ *([0-9]+) ]] && expect_exit="${BASH_REMATCH[1]}"
  [[ "$cmd" =~ \#\ *expect:\ *([^#]*[^#\ ]) ]] && expect="${BASH_REMATCH[1]}"
  cmd="$(substitute "$cmd")"
  printf '  $ %s\n' "$1"
  eval "$cmd" </dev/null >"$out" 2>&1 || rc=$?
  sed 's/^/    /' "$out"
  [[ $rc -eq $expect_exit ]] || fail "$2: exit $rc, expected $expect_exit: $1"
  [[ -z "$expect" ]] || grep -qF -- "$expect" "$out" || fail "$2: no '$expect' in the output of: $1"
  remember "$cmd" "$out"
}

run_block() { # $1 = block file, $2 = document, $3 = first line
  local line cmd="" start="" n=$(($3 - 1))
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    [[ -z "$cmd" ]] && start=$n
    if [[ -z "$cmd" && ("$line" =~ ^[[:space:]]*# || -z "${line//[[:space:]]/}") ]]; then
      continue
    fi
    if [[ "$line" == *\\ ]]; then
      cmd+="${line%\\}"
      continue
    fi
    cmd+="$line"
    run_command "$cmd" "$2:$start"
    cmd=""
  done <"$1"
}

# ---------------------------------------------------------------------------------------------------
checked=0 ran=0
for doc in "${DOCS[@]}"; do
  extract_blocks "$doc"
  echo "docs-check: $doc"
  for block in "$scratch/blocks/$(echo "$doc" | tr '/' '_')".*.sh; do
    [[ -f "$block" ]] || continue
    read -r first info <"${block%.sh}.info"
    if [[ "$info" =~ \{(own-infra|synopsis|ci)\} || -n "${DOCS_CHECK_ONLY:-}" ]]; then
      check_block "$block" "$doc:$first"
      checked=$((checked + 1))
    else
      check_block "$block" "$doc:$first"
      run_block "$block" "$doc" "$first"
      ran=$((ran + 1))
    fi
  done
done

if [[ $failures -gt 0 ]]; then
  echo "docs-check: $failures failure(s) ($ran blocks run, $checked checked)" >&2
  exit 1
fi
echo "docs-check: $ran blocks ran, $checked checked: every command works as the docs say"
