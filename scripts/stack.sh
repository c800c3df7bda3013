# shellcheck shell=bash
# Sourced by ./custos: the local stack (./custos up, status, down). Each component runs in the background
# with its PID in $STATE_DIR/pids and its log in $STATE_DIR/logs. Ports can be moved with the environment
# variables below. Uses ROOT, TOOLS_DIR, STATE_DIR, say, die, mvnw and usage from ./custos and setup.sh.

PG_PORT="${CUSTOS_PG_PORT:-54329}"
KEYCLOAK_PORT="${CUSTOS_KEYCLOAK_PORT:-8180}"
SERVICE_PORT="${CUSTOS_HTTP_PORT:-8080}"
MANAGEMENT_PORT="${CUSTOS_MANAGEMENT_PORT:-9000}" # health, metrics, OpenAPI: never on the API port
ANVIL_PORT="${CUSTOS_ANVIL_PORT:-8545}"
ANVIL_URL="http://127.0.0.1:$ANVIL_PORT"
CHAIN_ID=31337
SERVICE_URL="http://127.0.0.1:$SERVICE_PORT"
MANAGEMENT_URL="http://127.0.0.1:$MANAGEMENT_PORT"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/custos"
STAKING_BOT_SECRET_FILE="$STATE_DIR/staking-bot.secret" # the demo service account's, made per install
COMPONENTS=(postgres anvil keycloak signer-service) # start order; stopped in reverse

pid_file() { echo "$STATE_DIR/pids/$1.pid"; }
log_file() { echo "$STATE_DIR/logs/$1.log"; }

running_pid() { # $1 = component
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fail_with_log() { # $1 = component, $2 = message
  say "$2"
  tail -n 30 "$(log_file "$1")" >&2 2>/dev/null || true
  die "$1 failed (full log: $(log_file "$1"))"
}

launch() { # $1 = component, rest = command; runs it detached with its own log and pid file
  local name="$1"
  shift
  nohup "$@" >"$(log_file "$name")" 2>&1 &
  echo $! >"$(pid_file "$name")"
}

await() { # $1 = component, $2 = seconds, $3.. = readiness command
  local name="$1" seconds="$2"
  shift 2
  for _ in $(seq 1 "$seconds"); do
    "$@" 2>/dev/null && return 0
    running_pid "$name" >/dev/null || fail_with_log "$name" "$name exited while starting"
    sleep 1
  done
  fail_with_log "$name" "$name did not become ready in ${seconds}s"
}

# ---------------------------------------------------------------------------------------------------
# Starting: build once (again when sources changed), then each component that is not running.
build_stack() {
  local jar="$ROOT/signer-service/target/quarkus-app/quarkus-run.jar"
  if [[ -f "$jar" && -f "$ROOT/devstack/target/classpath.txt" && -z "${CUSTOS_REBUILD:-}" ]] &&
    [[ -z "$(find "$ROOT" \( -name target -o -name .tools -o -name .custos -o -name .git \) -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.sql' \) -newer "$jar" -print -quit)" ]]; then
    return 0
  fi
  say "building (./mvnw package, tests skipped; ./custos test runs them)"
  mvnw -q -pl signer-service,devstack -am package -DskipTests -Dspotless.check.skip=true >"$(log_file build)" 2>&1 ||
    fail_with_log build "the build failed"
}

stack_classpath() { echo "$ROOT/devstack/target/classes:$(cat "$ROOT/devstack/target/classpath.txt")"; }

start_postgres() {
  port_open "$PG_PORT" && die "port $PG_PORT is taken by something else; set CUSTOS_PG_PORT"
  launch postgres "$JAVA_HOME/bin/java" -cp "$(stack_classpath)" \
    io.custos.devstack.EmbeddedPostgresMain "$STATE_DIR/postgres" "$PG_PORT" custos
  await postgres 120 grep -qx ready "$(log_file postgres)"
}

anvil_answers() {
  curl -fs -X POST -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$ANVIL_URL" | grep -q result
}

start_anvil() {
  port_open "$ANVIL_PORT" && die "port $ANVIL_PORT is taken by something else; set CUSTOS_ANVIL_PORT"
  mkdir -p "$STATE_DIR/anvil"
  # --state keeps the devnet's chain between runs (written when anvil stops); a block every second so
  # that confirmations come without other traffic.
  launch anvil "$TOOLS_DIR/node_modules/$ANVIL_PKG/bin/anvil" --host 127.0.0.1 --port "$ANVIL_PORT" \
    --chain-id "$CHAIN_ID" --block-time 1 --state "$STATE_DIR/anvil/state.json"
  await anvil 30 anvil_answers
}

start_keycloak() {
  port_open "$KEYCLOAK_PORT" && die "port $KEYCLOAK_PORT is taken by something else; set CUSTOS_KEYCLOAK_PORT"
  local home
  home="$(keycloak_home)"
  mkdir -p "$home/data/import"
  # The demo realm: the production template plus deploy/keycloak/demo-overlay.json (the demo people,
  # with fixed ids so subjects are stable, and staking-bot), imported at every start. staking-bot's
  # secret is made once per install in $STAKING_BOT_SECRET_FILE (0600); the realm file holding it too.
  "$JAVA_HOME/bin/java" -cp "$(stack_classpath)" io.custos.testsupport.DemoRealm \
    "$STAKING_BOT_SECRET_FILE" "$home/data/import/custos-realm.json" "$ROOT"
  # Same build options as the tests' Keycloak (--db=dev-mem --cache=local), so neither forces a rebuild.
  # The bootstrap admin's password stays in the state dir (0600).
  local admin_pw_file="$STATE_DIR/keycloak-admin-password"
  [[ -f "$admin_pw_file" ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$admin_pw_file")
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$admin_pw_file")" \
    launch keycloak bash "$home/bin/kc.sh" start-dev --import-realm \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --http-management-port="$((KEYCLOAK_PORT + 1))" \
    --db=dev-mem --cache=local
  await keycloak 300 curl -fsS -o /dev/null "$KEYCLOAK_URL/realms/custos"
}

softhsm_module() {
  local m
  for m in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so; do
    [[ -f "$m" ]] && echo "$m" && return 0
  done
  die "libsofthsm2.so not found; run ./custos setup"
}

# The stack's HSM: a SoftHSM2 token under $STATE_DIR/softhsm, made once, with random PINs kept in
# files only root can read. A real deployment points custos.hsm.* at its own HSM instead.
ensure_demo_token() {
  local dir="$STATE_DIR/softhsm"
  export SOFTHSM2_CONF="$dir/softhsm2.conf"
  [[ -f "$dir/user.pin" ]] && return 0
  mkdir -p "$dir/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir/tokens" >"$SOFTHSM2_CONF"
  (umask 077 && head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/so.pin" &&
    head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/user.pin.partial")
  softhsm2-util --init-token --free --label custos-demo --so-pin "$(cat "$dir/so.pin")" \
    --pin "$(cat "$dir/user.pin.partial")" >/dev/null
  mv "$dir/user.pin.partial" "$dir/user.pin"
}

# The database's two roles, as a deployment has them (docs/operations.md §4): the migrations run as
# custos_owner, which owns the schema; the service runs as custos_service, which owns nothing and may
# only read and append to the audit log. Their random passwords stay in the state dir (0600).
DB_OWNER_PW_FILE="$STATE_DIR/postgres-owner-password"
DB_SERVICE_PW_FILE="$STATE_DIR/postgres-service-password"
ensure_db_roles() {
  local f
  for f in "$DB_OWNER_PW_FILE" "$DB_SERVICE_PW_FILE"; do
    [[ -f "$f" ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$f")
  done
  "$JAVA_HOME/bin/java" -cp "$(stack_classpath)" io.custos.devstack.ServiceRolesMain "$PG_PORT" custos \
    custos_owner "$DB_OWNER_PW_FILE" custos_service "$DB_SERVICE_PW_FILE" >>"$(log_file postgres)" 2>&1 ||
    fail_with_log postgres "the database roles could not be set up"
}

start_signer-service() {
  ensure_demo_token
  ensure_db_roles
  port_open "$SERVICE_PORT" && die "port $SERVICE_PORT is taken by something else; set CUSTOS_HTTP_PORT"
  port_open "$MANAGEMENT_PORT" && die "port $MANAGEMENT_PORT is taken by something else; set CUSTOS_MANAGEMENT_PORT"
  QUARKUS_HTTP_PORT="$SERVICE_PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" QUARKUS_DATASOURCE_JDBC_URL="$DB_URL" \
    QUARKUS_DATASOURCE_USERNAME=custos_service QUARKUS_DATASOURCE_PASSWORD="$(cat "$DB_SERVICE_PW_FILE")" \
    QUARKUS_FLYWAY_USERNAME=custos_owner QUARKUS_FLYWAY_PASSWORD="$(cat "$DB_OWNER_PW_FILE")" \
    QUARKUS_OIDC_AUTH_SERVER_URL="$KEYCLOAK_URL/realms/custos" \
    CUSTOS_ETHEREUM_NODE_URL="$ANVIL_URL" CUSTOS_ETHEREUM_CHAIN_ID="$CHAIN_ID" \
    CUSTOS_HSM_MODULE="$(softhsm_module)" CUSTOS_HSM_TOKEN_LABEL=custos-demo \
    CUSTOS_HSM_PIN_FILE="$STATE_DIR/softhsm/user.pin" CUSTOS_POLICY_FILE="$ROOT/deploy/policy/demo-policy.yaml" \
    launch signer-service "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -jar "$ROOT/signer-service/target/quarkus-app/quarkus-run.jar"
  await signer-service 60 curl -fsS -o /dev/null "$MANAGEMENT_URL/q/health/ready"
}

start_stack() {
  setup
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  build_stack
  local c pid
  for c in "${COMPONENTS[@]}"; do
    if pid="$(running_pid "$c")"; then
      say "$c already running (pid $pid)"
    else
      say "starting $c"
      "start_$c"
    fi
  done
}

cmd_up() {
  start_stack
  # shellcheck disable=SC2119 # the table, without the options ./custos status passes on
  cmd_status
}

# ---------------------------------------------------------------------------------------------------
# Status: each component's PID, health, URL and what else an operator needs to reach it.
component_url() {
  case "$1" in
    postgres) echo "$DB_URL" ;;
    anvil) echo "$ANVIL_URL" ;;
    keycloak) echo "$KEYCLOAK_URL/realms/custos" ;;
    signer-service) echo "$SERVICE_URL" ;;
  esac
}

component_healthy() {
  case "$1" in
    postgres) port_open "$PG_PORT" ;;
    anvil) anvil_answers 2>/dev/null ;;
    keycloak) curl -fsS -o /dev/null "$KEYCLOAK_URL/realms/custos" 2>/dev/null ;;
    signer-service) curl -fsS -o /dev/null "$MANAGEMENT_URL/q/health/ready" 2>/dev/null ;;
  esac
}

component_detail() { # what else an operator needs to reach the component
  case "$1" in
    postgres) echo "data $STATE_DIR/postgres" ;;
    anvil) echo "chain id $CHAIN_ID, state $STATE_DIR/anvil/state.json" ;;
    keycloak) echo "admin console $KEYCLOAK_URL/admin, staking-bot secret in $STAKING_BOT_SECRET_FILE" ;;
    signer-service) echo "health, metrics, OpenAPI $MANAGEMENT_URL/q/{health,metrics,openapi}, SOFTHSM2_CONF=$STATE_DIR/softhsm/softhsm2.conf (token custos-demo)" ;;
  esac
}

# shellcheck disable=SC2120 # ./custos status passes its arguments; up and demo print the table
cmd_status() { # [--json]
  local c pid health json=false
  [[ "${1:-}" == --json ]] && json=true
  [[ $# -eq 0 || "$json" == true ]] || { usage; die "status takes only --json"; }
  if [[ "$json" == false ]]; then
    printf '%-16s %-8s %-8s %s\n' COMPONENT PID HEALTH URL
  fi
  for c in "${COMPONENTS[@]}"; do
    pid="$(running_pid "$c" || echo -)"
    if [[ "$pid" == "-" ]]; then health=stopped; elif component_healthy "$c"; then health=up; else health=down; fi
    if [[ "$json" == true ]]; then
      jq -cn --arg name "$c" --arg pid "$pid" --arg health "$health" --arg url "$(component_url "$c")" \
        --arg detail "$(component_detail "$c")" --arg log "$(log_file "$c")" \
        '{name: $name, pid: ($pid | tonumber? // null), health: $health, url: $url, detail: $detail, log: $log}'
    else
      printf '%-16s %-8s %-8s %s\n' "$c" "$pid" "$health" "$(component_url "$c")"
      printf '%-16s %-8s %-8s %s\n' "" "" "" "$(component_detail "$c")"
    fi
  done | if [[ "$json" == true ]]; then jq -s '{components: .}'; else cat; fi
  [[ "$json" == true ]] || printf '%-16s %s\n' logs "$STATE_DIR/logs"
}

# ---------------------------------------------------------------------------------------------------
# Stopping: by PID, in reverse start order; a component that does not stop within 30 s is killed.
cmd_down() {
  local i c pid
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c="${COMPONENTS[$i]}"
    if pid="$(running_pid "$c")"; then
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "stopped $c (pid $pid)"
    fi
    rm -f "$(pid_file "$c")"
  done
}
