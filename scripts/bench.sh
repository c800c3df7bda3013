# shellcheck shell=bash
# Sourced by ./custos: the benchmarks (./custos bench [service|hsm|policy|audit|all]). The library benches
# build their module and what it needs in the reactor (./mvnw -pl <module> -am), so nothing has to be
# installed in ~/.m2 first, and need no running stack: they make their own SoftHSM2 token and PostgreSQL
# databases through test-support. Figures and their history: docs/benchmarks.md.

# JMH settings short enough for a shared 2-core machine: about 4 s per case instead of the annotations'
# 9, with the three measured iterations JMH needs before it prints an error bar.
POLICY_BENCH_QUICK="-wi 1 -w 1s -i 3 -r 1s"

bench_usage() {
  cat >&2 <<'USAGE'
./custos bench [service|hsm|policy|audit|all] [options]   measure, and print the figures

  service  [--requests N] [--concurrency C] [--wallets W] [--samples FILE]   (the default)
           start the local stack if needed, then N transfers through the HTTP API, C in flight, over W
           wallets (defaults 1000, 16, 4), beside the raw C_Sign rate of the stack's token, then an open
           loop at half the rate; --samples writes its transfers as CSV. See signer-service/README.md.
  hsm      [--seconds S]
           SoftHSM2 signing through the adapter against raw C_Sign, on 1 and 2 threads, S measured
           seconds per path and thread count (default 10: about 75 s in all). See hsm-adapter/README.md.
  policy   [--full | JMH options]
           decisions per second of a 1,000-rule policy (JMH). Short by default (1 warm-up and 3 measured
           iterations of 1 s per case, under a minute); --full runs the annotations' settings (5 + 4
           iterations, about 90 s); JMH options replace both, e.g. ./custos bench policy -wi 5 -i 10 -f 2.
           See policy-engine/README.md.
  audit    [--seconds S] [--entries N]
           durable appends per second (S seconds per run, default 3), then proof latency, verification
           and export at N entries (default 1,000,000: about 3 minutes in all). See audit-log/README.md.
  all      hsm, policy, audit and service in sequence, each with its defaults
USAGE
}

cmd_bench() {
  local bench=service
  case "${1:-}" in
    service | hsm | policy | audit | all) bench="$1" && shift ;;
    help | -h | --help) bench_usage && return 0 ;;
    "" | -*) ;; # no bench named: the service bench, with its options
    *) bench_usage && die "no bench named $1" ;;
  esac
  "bench_$bench" "$@"
}

bench_all() {
  [[ $# -eq 0 ]] || die "bench all takes no options; run one bench with options instead (./custos bench help)"
  local bench
  for bench in hsm policy audit service; do
    say "bench $bench"
    "bench_$bench"
  done
}

# Builds a library and what it needs in the reactor, then runs its bench profile's exec:exec with the
# given Maven properties. Spotless is skipped, as for the stack's build: a bench measures, it does not lint.
bench_library() { # $1 = module, rest = -Dname=value
  local module="$1"
  shift
  install_system_packages # SoftHSM2 for the hsm bench
  use_jdk
  say "building $module in the reactor and running its bench (./mvnw -pl $module -am -Pbench test-compile exec:exec)"
  mvnw -q -pl "$module" -am -Pbench -Dspotless.check.skip=true "$@" test-compile exec:exec
}

need_value() { # $1 = option, $2 = its value
  [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (./custos bench help)"
}

bench_hsm() { # [--seconds S]
  local properties=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --seconds)
        need_value "$@"
        properties+=("-Dbench.seconds=$2")
        shift 2
        ;;
      *) bench_usage && die "bench hsm: unknown option $1" ;;
    esac
  done
  bench_library hsm-adapter "${properties[@]}"
}

bench_policy() { # [--full | JMH options]
  local jmh="$POLICY_BENCH_QUICK"
  if [[ "${1:-}" == --full ]]; then
    [[ $# -eq 1 ]] || die "bench policy: --full takes no other option"
    jmh=""
  elif [[ $# -gt 0 ]]; then
    jmh="$*"
  fi
  bench_library policy-engine "-Dbench.jmh=$jmh"
}

bench_audit() { # [--seconds S] [--entries N]
  local properties=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --seconds | --entries)
        need_value "$@"
        properties+=("-Dbench.${1#--}=$2")
        shift 2
        ;;
      *) bench_usage && die "bench audit: unknown option $1" ;;
    esac
  done
  bench_library audit-log "${properties[@]}"
}

# The end-to-end bench (devstack's HttpBench): N auto-approved transfers at concurrency C through the
# API to anvil, the raw C_Sign rate of the stack's token beside it, then a pass at half the rate.
bench_service() { # [--requests N] [--concurrency C] [--wallets W] [--samples FILE]
  start_stack
  ensure_demo_token # exports SOFTHSM2_CONF for the raw C_Sign measurement
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(stack_classpath)" \
    -Dcustos.bench.service="$SERVICE_URL" -Dcustos.bench.management="$MANAGEMENT_URL" -Dcustos.bench.issuer="$KEYCLOAK_URL/realms/custos" \
    -Dcustos.bench.node="$ANVIL_URL" -Dcustos.bench.softhsm-dir="$STATE_DIR/softhsm" \
    -Dcustos.bench.pkcs11-module="$(softhsm_module)" -Dcustos.bench.token-label=custos-demo \
    -Dcustos.bench.service-pid-file="$(pid_file signer-service)" -Dcustos.bench.bot-secret-file="$STAKING_BOT_SECRET_FILE" \
    io.custos.devstack.bench.HttpBench "$@"
}
