# shellcheck shell=bash
# Sourced by ./custos: the demo's story (./custos demo). On the local stack, the demo users act through
# the CLI: a wallet born in the HSM, device keys registered under two admins, a payout approved by two
# devices, a staking deposit allowed by policy alone, a denied payout, and the audit log verified offline.
# Each step reuses what an earlier run left, so the demo can run again on the same stack. Uses the
# functions and variables of ./custos, setup.sh, stack.sh and cli.sh.

DEPOSIT_CONTRACT=0xb09F81cB67649492169bf7CfcE2363e98d517e93 # deployed from 0x…de90 at nonce 0
DEPOSIT_DEPLOYER=0x000000000000000000000000000000000000de90
WITHDRAWAL_ADDRESS=0x5555555555555555555555555555555555555555 # the demo policy's withdrawal credentials
VENDOR=0x1111111111111111111111111111111111111111             # ACME hosting, in the policy's address book

rpc() { # $1 = method, $2 = JSON params
  curl -fsS -X POST -H 'Content-Type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$ANVIL_URL" | jq -r .result
}

step() { # bold only on a terminal
  if [[ -t 1 ]]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi
}

# The demo's actors use the CLI, each with a config directory (cached login) of their own.
cli_as() { # $1 = demo user or staking-bot, rest = CLI command
  local who="$1"
  shift
  (
    export CUSTOS_CONFIG_DIR="$STATE_DIR/cli/$who" CUSTOS_SERVER="$SERVICE_URL" \
      CUSTOS_ISSUER="$KEYCLOAK_URL/realms/custos" CUSTOS_KEYSTORE_PASSWORD="$who-device"
    cmd_cli "$@"
  )
}

login_as() { # $1 = demo user or staking-bot
  if [[ "$1" == staking-bot ]]; then
    CUSTOS_CLIENT_SECRET="$(cat "$STAKING_BOT_SECRET_FILE")" cli_as staking-bot login --client-id staking-bot >/dev/null
  else
    CUSTOS_PASSWORD="$1-demo" cli_as "$1" login --user "$1" >/dev/null
  fi
}

# The beacon-chain deposit contract, once per devnet, at the address the demo policy names.
ensure_deposit_contract() {
  [[ "$(rpc eth_getCode "[\"$DEPOSIT_CONTRACT\",\"latest\"]")" != "0x" ]] && return 0
  rpc anvil_setBalance "[\"$DEPOSIT_DEPLOYER\",\"0x8ac7230489e80000\"]" >/dev/null
  rpc anvil_impersonateAccount "[\"$DEPOSIT_DEPLOYER\"]" >/dev/null
  "$TOOLS_DIR/node_modules/$CAST_PKG/bin/cast" send --async --unlocked --from "$DEPOSIT_DEPLOYER" \
    --rpc-url "$ANVIL_URL" --create "$(jq -r .bytecode "$ROOT/deploy/contracts/deposit_contract.json")" >/dev/null
  for _ in $(seq 1 15); do
    [[ "$(rpc eth_getCode "[\"$DEPOSIT_CONTRACT\",\"latest\"]")" != "0x" ]] && return 0
    sleep 1
  done
  die "the deposit contract did not deploy at $DEPOSIT_CONTRACT"
}

# An HSM wallet with a tag, created by erin (admin) and funded from an anvil account when empty.
ensure_wallet() { # $1 = label, $2 = tag; funded with 100 ETH when empty
  local wallet address funder
  if ! cli_as erin wallet show "$1" --json >/dev/null 2>&1; then
    cli_as erin wallet create --label "$1" --tag "$2" >/dev/null
  else
    say "(wallet $1 exists from an earlier run; reusing it)"
  fi
  wallet="$(cli_as erin wallet show "$1" --json)"
  address="$(jq -r .wallet.address <<<"$wallet")"
  if [[ "$(jq -r .balanceWei <<<"$wallet")" == "0" ]]; then
    funder="$(rpc eth_accounts '[]' | jq -r '.[0]')"
    rpc eth_sendTransaction "[{\"from\":\"$funder\",\"to\":\"$address\",\"value\":\"0x56bc75e2d63100000\"}]" >/dev/null
    for _ in $(seq 1 15); do # anvil mines a block a second
      [[ "$(cli_as erin wallet show "$1" --json | jq -r .balanceWei)" != "0" ]] && break
      sleep 1
    done
  fi
  cli_as erin wallet show "$1"
}

# An approver's device key: a keystore file of their own, registered once with two admins' approval.
ensure_device_key() { # $1 = approver
  local keystore="$STATE_DIR/keystores/$1.json" address gid
  mkdir -p "$STATE_DIR/keystores"
  [[ -f "$keystore" ]] || cli_as "$1" keystore new --out "$keystore" --light >/dev/null
  address="0x$(jq -r .address "$keystore")"
  if cli_as "$1" approver keys --json | jq -e --arg a "$address" \
    '.[] | select((.address | ascii_downcase) == ($a | ascii_downcase) and .state == "ACTIVE")' >/dev/null; then
    say "($1's device key $address is registered from an earlier run)"
    return 0
  fi
  gid="$(cli_as "$1" approver register --keystore "$keystore" --yes --json | jq -r .id)"
  say "$1 proposed device key $address (governance request $gid); erin and frank approve it"
  cli_as erin governance approve "$gid" --comment "checked with $1 in person" >/dev/null
  cli_as frank governance approve "$gid" --comment "checked with $1 in person" --json | jq -c '{kind, state}'
}

settle() { # $1 = user, $2 = request id: follows it to the end, fails unless it is CONFIRMED
  cli_as "$1" tx watch "$2" || die "request $2 did not confirm (log: $(log_file signer-service))"
}

# alice's payout to the vendor, approved on bob's and carol's devices, signed, sent and confirmed; the
# sender checked with cast. Sets PAYOUT_ID, whose audit entry the auditor proves at the end.
demo_payout() {
  step "alice (requester, treasury) asks to pay 5 ETH to the vendor ACME ($VENDOR)"
  local id
  id="$(cli_as alice tx submit --wallet treasury --to "$VENDOR" --value 5eth --memo "ACME invoice 2026-117" \
    --idempotency-key demo-payout-1 --json | jq -r .id)"
  cli_as alice tx show "$id"
  if [[ "$(cli_as alice tx show "$id" --json | jq -r .state)" == PENDING_APPROVAL ]]; then
    step "bob and carol each check the request on their device and sign the EIP-712 approval"
    cli_as bob tx approve "$id" --keystore "$STATE_DIR/keystores/bob.json" --comment "invoice checked" --yes
    cli_as carol tx approve "$id" --keystore "$STATE_DIR/keystores/carol.json" --comment "vendor screened" --yes
  else
    say "(this request exists from an earlier run: the same idempotency key gives the same request)"
  fi

  step "it is signed in the HSM, sent to the node and followed to confirmation"
  settle alice "$id"
  local hash treasury from
  hash="$(cli_as alice tx show "$id" --json | jq -r .transaction.hash)"
  treasury="$(cli_as erin wallet show treasury --json | jq -r .wallet.address)"
  from="$("$TOOLS_DIR/node_modules/$CAST_PKG/bin/cast" tx "$hash" from --rpc-url "$ANVIL_URL")"
  [[ "${from,,}" == "${treasury,,}" ]] || die "the payout came from $from, not the treasury wallet $treasury"
  say "checked independently with cast: from = $from, the treasury wallet's address"
  PAYOUT_ID="$id"
}

demo_staking_deposit() {
  step "the staking bot deposits a 32 ETH validator to the deposit contract: allowed by policy alone"
  ensure_wallet staking staking
  local deposit sid hash from
  # One validator's deposit data, made once: a second run submits the same body under the same key.
  [[ -f "$STATE_DIR/deposit-1.json" ]] || "$JAVA_HOME/bin/java" -cp "$(stack_classpath)" \
    io.custos.devstack.DepositDataMain "$WITHDRAWAL_ADDRESS" 32 >"$STATE_DIR/deposit-1.json"
  deposit="$(cat "$STATE_DIR/deposit-1.json")"
  sid="$(cli_as staking-bot tx submit --wallet staking --to "$DEPOSIT_CONTRACT" --value 32eth \
    --data "$(jq -r .calldata <<<"$deposit")" --memo "validator $(jq -r .pubkey <<<"$deposit" | cut -c1-18)…" \
    --idempotency-key demo-deposit-1 --json | jq -r .id)"
  settle staking-bot "$sid"
  hash="$(cli_as staking-bot tx show "$sid" --json | jq -r .transaction.hash)"
  local cast="$TOOLS_DIR/node_modules/$CAST_PKG/bin/cast" topic
  topic="$("$cast" keccak "DepositEvent(bytes,bytes,bytes,bytes,bytes)")"
  "$cast" receipt "$hash" logs --json --rpc-url "$ANVIL_URL" | jq -e --arg t "$topic" --arg c "$DEPOSIT_CONTRACT" \
    'any(.[]; (.address | ascii_downcase) == ($c | ascii_downcase) and .topics[0] == $t)' >/dev/null ||
    die "no DepositEvent from the deposit contract in $hash"
  from="$("$cast" tx "$hash" from --rpc-url "$ANVIL_URL")"
  [[ "${from,,}" == "$(cli_as erin wallet show staking --json | jq -r '.wallet.address | ascii_downcase')" ]] ||
    die "the deposit came from $from, not the staking wallet"
  say "checked with cast: from = $from (the staking wallet), and the" \
    "deposit contract emitted DepositEvent (topic $topic)"
}

demo_json_rpc() {
  step "the staking bot uses Foundry's cast through Custos' JSON-RPC endpoint: the same policy decides"
  local cast="$TOOLS_DIR/node_modules/$CAST_PKG/bin/cast" ops token sent hash from
  ensure_wallet operations operations
  ops="$(cli_as erin wallet show operations --json | jq -r .wallet.address)"
  # A client-credentials token, as a bot gets one; passed as a header, never printed.
  token="$(curl -fsS -d grant_type=client_credentials -d client_id=staking-bot \
    --data-urlencode "client_secret@$STAKING_BOT_SECRET_FILE" \
    "$KEYCLOAK_URL/realms/custos/protocol/openid-connect/token" | jq -r .access_token)"
  sent="$("$cast" send --unlocked --from "$ops" --rpc-url "$SERVICE_URL/rpc" \
    --rpc-headers "Authorization: Bearer $token" --value 0.01ether "$WITHDRAWAL_ADDRESS" --json)" ||
    die "cast send through /rpc failed"
  hash="$(jq -r .transactionHash <<<"$sent")"
  from="$("$cast" tx "$hash" from --rpc-url "$ANVIL_URL")"
  [[ "${from,,}" == "${ops,,}" ]] || die "the JSON-RPC transfer came from $from, not the operations wallet"
  say "cast send --unlocked --from $ops --rpc-url $SERVICE_URL/rpc: mined as $hash, from the HSM wallet"
}

demo_denied_payout() {
  step "a payout to an address in no list is denied, with the policy's explanation; nothing is signed"
  if cli_as alice tx submit --wallet treasury --to 0x3333333333333333333333333333333333333333 --value 1eth \
    --idempotency-key demo-denied-1; then
    die "the payout to an unknown address was not denied"
  fi
}

demo_audit() { # $1 = the payout's request id, whose transaction.signed entry gets an inclusion proof
  step "ivan (auditor) exports the audit log and verifies it offline: chain, checkpoints, approvals"
  local audit_dir="$STATE_DIR/audit" seq
  mkdir -p "$audit_dir"
  cli_as ivan audit checkpoint --out "$audit_dir/checkpoint.txt" >/dev/null
  sed 's/^/    /' "$audit_dir/checkpoint.txt"
  cli_as ivan audit key --out "$audit_dir/checkpoint-key.pem" >/dev/null
  cli_as ivan audit export --out "$audit_dir/export.jsonl"
  say "the chain, the checkpoints, and the device signatures behind every sent transaction," \
    "re-checked from the export alone:"
  cli_as ivan audit verify --file "$audit_dir/export.jsonl" --pubkey "$audit_dir/checkpoint-key.pem" \
    --checkpoint "$audit_dir/checkpoint.txt" || die "the audit log or an approval did not verify"
  seq="$(jq -r --arg r "request:$1" 'select(.kind == "entry" and .entry.type == "transaction.signed"
    and (.entry.subjects | index($r))) | .seq' "$audit_dir/export.jsonl" | head -n 1)"
  say "inclusion proof of the payout's transaction.signed entry (seq $seq):"
  cli_as ivan audit proof "$seq"
}

cmd_demo() {
  start_stack
  build_cli
  ensure_deposit_contract
  local u
  for u in alice bob carol erin frank ivan staking-bot; do login_as "$u"; done

  step "alice, as the service sees her (roles and groups from Keycloak)"
  cli_as alice whoami

  step "erin (admin) creates the treasury wallet: its key is generated inside the HSM"
  ensure_wallet treasury treasury

  step "bob (treasury) and carol (compliance) register their device keys; each registration needs two admins"
  ensure_device_key bob
  ensure_device_key carol

  demo_payout
  demo_staking_deposit
  demo_json_rpc
  demo_denied_payout
  demo_audit "$PAYOUT_ID"

  step "the stack is running"
  cmd_status
  say "demo users: alice bob carol dave erin frank grace gwen heidi ivan nora oscar, password <name>-demo;" \
    "service account staking-bot, its secret in $STAKING_BOT_SECRET_FILE." \
    "Try: ./custos login --user alice; ./custos tx list." \
    "Stop everything with ./custos down."
}
