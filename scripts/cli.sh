# shellcheck shell=bash
# Sourced by ./custos: the Java CLI (cli/), which runs for any word ./custos does not know itself.
# target/custos-cli.jar with its dependencies in target/lib, built quietly on first use and again when
# its sources (or the audit verifier it runs) changed. Uses ROOT, STATE_DIR, say, mvnw, use_jdk, log_file
# and fail_with_log from ./custos, setup.sh and stack.sh.

CLI_JAR="$ROOT/cli/target/custos-cli.jar"

build_cli() {
  if [[ -f "$CLI_JAR" && -d "$ROOT/cli/target/lib" && -z "${CUSTOS_REBUILD:-}" ]] &&
    [[ -z "$(find "$ROOT/cli/src/main" "$ROOT/audit-log/src/main" "$ROOT/pom.xml" "$ROOT/cli/pom.xml" \
      "$ROOT/audit-log/pom.xml" -newer "$CLI_JAR" -print -quit)" ]]; then
    return 0
  fi
  mkdir -p "$STATE_DIR/logs"
  say "building the CLI (once; ./mvnw package -pl cli, tests skipped)"
  mvnw -q -pl cli -am package -DskipTests -Dspotless.check.skip=true >"$(log_file cli-build)" 2>&1 ||
    fail_with_log cli-build "the CLI build failed"
  touch "$CLI_JAR" # Maven leaves an up-to-date jar untouched; its time now marks this build
}

cmd_cli() {
  use_jdk
  build_cli
  local tty=false
  [[ -t 1 ]] && tty=true # Java 21 cannot tell a terminal from a pipe; colours only on a terminal
  exec "$JAVA_HOME/bin/java" -Dcustos.tty="$tty" -cp "$CLI_JAR:$ROOT/cli/target/lib/*" \
    io.custos.cli.CustosCli "$@"
}
