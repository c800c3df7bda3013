package io.custos.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.cli.CliEnvironment;
import io.custos.cli.CustosCli;
import io.custos.cli.ExitCodes;
import io.custos.service.support.RealStack;
import io.custos.testsupport.Anvil;
import io.custos.testsupport.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The command-line client against this service, in-process: real HTTP on the test port, real
 * Keycloak tokens (password and client-credentials grants), real PostgreSQL, HSM and anvil behind.
 * Each user has a config directory of their own, as on separate machines.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class CliTest {

  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String STRANGER = "0x3333333333333333333333333333333333333333";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path tmp = Path.of("target", "cli-test", UUID.randomUUID().toString());

  @TestHTTPResource("/")
  URI service;

  @ConfigProperty(name = "custos.ethereum.node-url")
  URI node;

  /** One run: exit code and what it printed. */
  record Run(int exit, String out, String err) {

    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON on stdout: " + this, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** {@code custos args} as {@code user} would type it on their own machine. */
  private Run cli(String user, String... args) {
    Map<String, String> env =
        Map.of(
            "CUSTOS_SERVER", service.toString().replaceAll("/$", ""),
            "CUSTOS_ISSUER", KeycloakServer.shared().issuer().toString(),
            "CUSTOS_CONFIG_DIR", tmp.resolve(user).toAbsolutePath().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = CustosCli.commandLine(new CliEnvironment(env, tmp, null, false));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run ok(String user, String... args) {
    Run r = cli(user, args);
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  private Path secretFile(String name, String secret) throws IOException {
    Files.createDirectories(tmp);
    Path f = tmp.resolve(name + ".secret");
    Files.writeString(f, secret + "\n");
    return f;
  }

  private void login(String user) throws IOException {
    ok(
        user,
        "login",
        "--user",
        user,
        "--password-file",
        secretFile(user, user + "-demo").toString());
  }

  private static String label() {
    return "cli-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /** erin creates a wallet with these tags; returns its address. */
  private String wallet(String label, String... tags) throws IOException {
    login("erin");
    List<String> args = new ArrayList<>(List.of("wallet", "create", "--label", label, "--json"));
    for (String t : tags) {
      args.add("--tag");
      args.add(t);
    }
    return ok("erin", args.toArray(String[]::new)).json().path("address").asText();
  }

  @Test
  void loginCachesATokenOnlyTheUserCanReadAndWhoamiAndLogoutUseIt() throws Exception {
    Run login =
        ok(
            "alice",
            "login",
            "--user",
            "alice",
            "--password-file",
            secretFile("alice", "alice-demo").toString());
    assertThat(login.out()).contains("logged in as alice");
    Path session = tmp.resolve("alice/session.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(session)).doesNotContain("alice-demo");

    JsonNode me = ok("alice", "whoami", "--json").json();
    assertThat(me.path("username").asText()).isEqualTo("alice");
    assertThat(me.path("roles").toString()).contains("requester");
    assertThat(me.path("groups").toString()).contains("treasury");
    assertThat(me.has("subject")).isTrue();
    assertThat(me.path("serviceAccount").asBoolean()).isFalse();
    assertThat(ok("alice", "whoami").out()).contains("username").contains("alice");

    assertThat(ok("alice", "logout").out()).contains("logged out alice");
    assertThat(session).doesNotExist();
    Run after = cli("alice", "whoami");
    assertThat(after.exit()).isEqualTo(1);
    assertThat(after.err()).contains("Not logged in");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedWithTheRefreshToken() throws Exception {
    login("dave");
    Path file = tmp.resolve("dave/session.json");
    var session = (ObjectNode) JSON.readTree(file.toFile());
    String before = session.path("accessToken").asText();
    session.put("accessExpiresAt", 0);
    Files.writeString(file, JSON.writeValueAsString(session));

    assertThat(ok("dave", "whoami", "--json").json().path("username").asText()).isEqualTo("dave");
    JsonNode after = JSON.readTree(file.toFile());
    assertThat(after.path("accessToken").asText()).isNotEqualTo(before);
    assertThat(after.path("accessExpiresAt").asLong())
        .isGreaterThan(System.currentTimeMillis() / 1000);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aWrongPasswordIsRefusedWithExitOneAndNothingCached() throws Exception {
    Run r =
        cli(
            "bob",
            "login",
            "--user",
            "bob",
            "--password-file",
            secretFile("bob-wrong", "not-bobs").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("Login refused").doesNotContain("not-bobs");
    assertThat(tmp.resolve("bob/session.json")).doesNotExist();
  }

  @Test
  void aServiceAccountLogsInWithClientCredentials() throws Exception {
    ok(
        "bot",
        "login",
        "--client-id",
        "staking-bot",
        "--client-secret-file",
        secretFile("bot", KeycloakServer.shared().stakingBotSecret()).toString());
    JsonNode me = ok("bot", "whoami", "--json").json();
    assertThat(me.path("serviceAccount").asBoolean()).isTrue();
    assertThat(me.path("roles").toString()).contains("requester");
  }

  @Test
  void walletsAreCreatedListedAndShownWithTheApiFieldNames() throws Exception {
    String label = label();
    login("erin");
    JsonNode created =
        ok("erin", "wallet", "create", "--label", label, "--tag", "treasury", "--json").json();
    assertThat(created.path("label").asText()).isEqualTo(label);
    assertThat(created.path("address").asText()).matches("0x[0-9a-fA-F]{40}");
    assertThat(created.path("chainId").asLong()).isEqualTo(Anvil.DEFAULT_CHAIN_ID);
    assertThat(created.path("tags").toString()).isEqualTo("[\"treasury\"]");
    assertThat(created.path("createdBy").asText()).isEqualTo("erin");

    Run list = ok("erin", "wallet", "list");
    assertThat(list.out().lines().findFirst().orElseThrow())
        .startsWith("LABEL")
        .contains("ADDRESS", "CHAIN", "TAGS");
    assertThat(list.out()).contains(label).contains(created.path("address").asText());

    JsonNode shown = ok("erin", "wallet", "show", label, "--json").json();
    assertThat(shown.path("wallet").path("label").asText()).isEqualTo(label);
    assertThat(shown.path("balanceWei").asText()).isEqualTo("0");
    assertThat(shown.has("nonce")).isTrue();
    assertThat(shown.has("pendingNonce")).isTrue();
    assertThat(ok("erin", "wallet", "show", label).out()).contains("balance").contains("0 ETH");

    login("alice");
    Run forbidden = cli("alice", "wallet", "list");
    assertThat(forbidden.exit()).as(forbidden.toString()).isEqualTo(1);
    assertThat(forbidden.err()).contains("Not allowed for your roles");
  }

  @Test
  void aPayoutIsSubmittedListedAndShownWithItsPolicyExplanation() throws Exception {
    String label = label();
    wallet(label, "treasury");
    login("alice");
    String key = UUID.randomUUID().toString();
    String[] submit = {
      "tx",
      "submit",
      "--wallet",
      label,
      "--to",
      VENDOR,
      "--value",
      "0.25eth",
      "--memo",
      "ACME invoice",
      "--idempotency-key",
      key,
      "--json"
    };
    JsonNode r = ok("alice", submit).json();
    String id = r.path("id").asText();
    assertThat(r.path("state").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(r.path("value").asText()).isEqualTo("250000000000000000");
    assertThat(r.path("decision").path("rule").asText()).isEqualTo("vendor-payout");
    assertThat(r.path("decision").path("missing").toString()).contains("2 more of treasury");
    assertThat(ok("alice", submit).json().path("id").asText())
        .as("same key, same request")
        .isEqualTo(id);

    JsonNode page = ok("alice", "tx", "list", "--state", "PENDING_APPROVAL", "--json").json();
    assertThat(page.has("next")).isTrue();
    assertThat(page.path("items").findValuesAsText("id")).contains(id);
    assertThat(ok("alice", "tx", "list").out()).contains(id).contains("0.25 ETH");

    Run show = ok("alice", "tx", "show", id);
    assertThat(show.out())
        .contains("PENDING_APPROVAL")
        .contains("by rule vendor-payout")
        .contains("2 more of treasury")
        .contains("policy explanation")
        .contains("ACME invoice")
        .contains("calldata")
        .contains("approvals  none yet");
    assertThat(ok("alice", "tx", "show", id, "--wei").out()).contains("250000000000000000 wei");
    JsonNode shown = ok("alice", "tx", "show", id, "--json").json();
    assertThat(shown.path("decision").path("explanation").isArray()).isTrue();
    assertThat(shown.has("approvals")).isTrue();
    assertThat(shown.has("transaction")).isTrue();
  }

  @Test
  void aTokenPayoutIsSubmittedInWholeTokensAndShownWithDecodedCalldata() throws Exception {
    String label = label();
    wallet(label, "treasury");
    login("alice");
    JsonNode r =
        ok(
                "alice",
                "tx",
                "submit",
                "--wallet",
                label,
                "--to",
                VENDOR,
                "--token",
                "TST",
                "--amount",
                "12.5",
                "--json")
            .json();
    assertThat(r.path("kind").asText()).isEqualTo("erc20_transfer");
    assertThat(r.path("token").asText()).isEqualTo("TST");
    assertThat(r.path("decision").path("rule").asText()).isEqualTo("token-payout");

    Run show = ok("alice", "tx", "show", r.path("id").asText());
    assertThat(show.out())
        .contains("12.5 TST")
        .contains("transfer(address to=" + VENDOR + ", uint256 amount=12500000000000000000)");
  }

  @Test
  void aDeniedPayoutExitsOneWithThePolicysReason() throws Exception {
    String label = label();
    wallet(label, "treasury");
    login("alice");
    Run denied =
        cli("alice", "tx", "submit", "--wallet", label, "--to", STRANGER, "--value", "1eth");
    assertThat(denied.exit()).as(denied.toString()).isEqualTo(1);
    assertThat(denied.out()).contains("DENIED").contains("No rule allows this request.");
    assertThat(denied.err()).contains("was DENIED");

    Run json =
        cli("alice", "tx", "submit", "--wallet", label, "--to", STRANGER, "--value", "1", "--json");
    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.json().path("state").asText()).isEqualTo("DENIED");
    String id = json.json().path("id").asText();
    Run watch = cli("alice", "tx", "watch", id);
    assertThat(watch.exit()).as("watching a denied request").isEqualTo(1);
  }

  @Test
  void watchFollowsAnAllowedRequestToConfirmation() throws Exception {
    String label = label();
    String address = wallet(label);
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    ok(
        "bot",
        "login",
        "--client-id",
        "staking-bot",
        "--client-secret-file",
        secretFile("bot", KeycloakServer.shared().stakingBotSecret()).toString());
    JsonNode r =
        ok("bot", "tx", "submit", "--wallet", label, "--to", VENDOR, "--value", "0.5eth", "--json")
            .json();
    assertThat(r.path("decision").path("rule").asText()).isEqualTo("staking-bot");

    ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
    miner.scheduleAtFixedRate(this::mineABlock, 500, 400, TimeUnit.MILLISECONDS);
    Run watch;
    try {
      watch = cli("bot", "tx", "watch", r.path("id").asText(), "--interval", "300ms", "--json");
    } finally {
      miner.shutdownNow();
    }
    assertThat(watch.exit()).as(watch.toString()).isZero();
    JsonNode done = watch.json();
    assertThat(done.path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(done.path("transaction").path("hash").asText()).matches("0x[0-9a-f]{64}");
    assertThat(done.path("transaction").path("nonce").asLong()).isZero();
    assertThat(done.path("transaction").path("blockNumber").isNumber()).isTrue();
    assertThat(watch.err()).contains("CONFIRMED");
  }

  /**
   * The approver's side end to end through the CLI: a keystore per approver, its registration under
   * the admins' quorum, verdicts signed over the server's EIP-712 Approval, and the payout mined.
   */
  @Test
  void approversRegisterDeviceKeysAndApproveAPayoutWithThem() throws Exception {
    String label = label();
    String address = wallet(label, "treasury");
    Anvil.fund(node, address, BigInteger.TEN.pow(19));
    login("erin");
    login("frank");
    Path password = secretFile("device", "device-password");
    Map<String, Path> keystores = new java.util.HashMap<>();
    for (String approver : List.of("bob", "dave")) {
      login(approver);
      Path keystore = tmp.resolve(approver + "-device.json");
      JsonNode made =
          ok(
                  approver,
                  "keystore",
                  "new",
                  "--out",
                  keystore.toString(),
                  "--light",
                  "--password-file",
                  password.toString(),
                  "--json")
              .json();
      String deviceAddress = made.path("address").asText();
      JsonNode proposal =
          ok(
                  approver,
                  "approver",
                  "register",
                  "--keystore",
                  keystore.toString(),
                  "--password-file",
                  password.toString(),
                  "--yes",
                  "--json")
              .json();
      String gid = proposal.path("id").asText();
      assertThat(proposal.path("state").asText()).isEqualTo("PENDING_APPROVAL");
      Run self = cli(approver, "governance", "approve", gid);
      assertThat(self.exit()).as("an approver is not an admin: " + self).isEqualTo(1);
      ok("erin", "governance", "approve", gid, "--comment", "seen in person");
      JsonNode decided = ok("frank", "governance", "approve", gid, "--json").json();
      assertThat(decided.path("state").asText()).isEqualTo("APPROVED");
      JsonNode keys = ok(approver, "approver", "keys", "--json").json();
      assertThat(keys.toString()).containsIgnoringCase(deviceAddress.replace("0x", ""));
      keystores.put(approver, keystore);
    }

    login("alice");
    String id =
        ok("alice", "tx", "submit", "--wallet", label, "--to", VENDOR, "--value", "1eth", "--json")
            .json()
            .path("id")
            .asText();
    Run own = cli("alice", "tx", "approve", id, "--keystore", keystores.get("bob").toString());
    assertThat(own.exit()).as("alice is no approver: " + own).isEqualTo(1);

    for (String approver : List.of("bob", "dave")) {
      Run verdict =
          ok(
              approver,
              "tx",
              "approve",
              id,
              "--keystore",
              keystores.get(approver).toString(),
              "--password-file",
              password.toString(),
              "--comment",
              "checked on my device",
              "--yes");
      assertThat(verdict.out() + verdict.err()).contains("requestId").contains("policyHash");
    }
    JsonNode approved = ok("alice", "tx", "show", id, "--json").json();
    assertThat(approved.path("approvals").findValuesAsText("evidenceScheme").toString())
        .contains("eip712");

    ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
    miner.scheduleAtFixedRate(this::mineABlock, 500, 400, TimeUnit.MILLISECONDS);
    Run watch;
    try {
      watch = cli("alice", "tx", "watch", id, "--interval", "300ms", "--json");
    } finally {
      miner.shutdownNow();
    }
    assertThat(watch.exit()).as(watch.toString()).isZero();
    assertThat(watch.json().path("state").asText()).isEqualTo("CONFIRMED");

    login("oscar");
    Run late = cli("oscar", "tx", "speed-up", id);
    assertThat(late.exit()).as("a confirmed transaction cannot be sped up: " + late).isEqualTo(1);
    assertThat(late.err()).contains("error:");
  }

  private void mineABlock() {
    try {
      Anvil.rpc(node, "anvil_mine", "0x1");
    } catch (RuntimeException e) {
      // The next tick tries again; the watch's own timeout bounds the test.
    }
  }

  @Test
  void theAuditLogIsExportedVerifiedOfflineAndProven() throws Exception {
    String label = label();
    wallet(label, "treasury");
    login("ivan");
    JsonNode checkpoint = ok("ivan", "audit", "checkpoint", "--json").json();
    assertThat(checkpoint.path("size").asLong()).isPositive();
    assertThat(checkpoint.path("note").asText()).isNotBlank();
    Path key = tmp.resolve("checkpoint-key.pem");
    ok("ivan", "audit", "key", "--out", key.toString());
    assertThat(Files.readString(key)).startsWith("-----BEGIN PUBLIC KEY-----");

    Path export = tmp.resolve("export.jsonl");
    JsonNode exported = ok("ivan", "audit", "export", "--out", export.toString(), "--json").json();
    assertThat(exported.path("lines").asLong()).isPositive();

    Run verified =
        cli("ivan", "audit", "verify", "--file", export.toString(), "--pubkey", key.toString());
    assertThat(verified.out())
        .contains("OK: every leaf, chain link, checkpoint root and signature")
        .contains("signed transactions checked: ")
        .containsPattern("OK: 0x[0-9a-f]{64} request [0-9a-f-]{36} approved by bob");
    assertThat(verified.out()).as(verified.toString()).doesNotContain("FAULT");
    assertThat(verified.exit()).as(verified.toString()).isEqualTo(ExitCodes.OK);
    Run chainOnly =
        ok(
            "ivan",
            "audit",
            "verify",
            "--file",
            export.toString(),
            "--pubkey",
            key.toString(),
            "--no-approvals");
    assertThat(chainOnly.out())
        .contains("OK: every leaf, chain link, checkpoint root and signature")
        .doesNotContain("signed transactions checked");
    JsonNode online = cli("ivan", "audit", "verify", "--json").json();
    assertThat(online.path("entries").asLong()).isPositive();
    assertThat(online.path("faults").isEmpty()).isTrue();
    assertThat(online.at("/approvals/faults").isEmpty()).isTrue();
    assertThat(online.at("/approvals/transactions").isArray()).isTrue();
    for (JsonNode tx : online.at("/approvals/transactions")) {
      assertThat(tx.path("faults").isEmpty()).as("approval faults of %s", tx).isTrue();
    }
    assertThat(online.path("ok").asBoolean()).isTrue();

    Path tampered = tmp.resolve("tampered.jsonl");
    String original = Files.readString(export);
    assertThat(original).contains(label);
    Files.writeString(tampered, original.replace(label, "cli-forged0"));
    Run fault =
        cli("ivan", "audit", "verify", "--file", tampered.toString(), "--pubkey", key.toString());
    assertThat(fault.exit()).as(fault.toString()).isEqualTo(1);
    assertThat(fault.out()).contains("FAULT");

    JsonNode proof = ok("ivan", "audit", "proof", "0", "--json").json();
    assertThat(proof.path("seq").asLong()).isZero();
    assertThat(proof.path("treeSize").asLong()).isPositive();
    assertThat(proof.path("path").isArray()).isTrue();
  }

  @Test
  void theActivePolicyIsShown() throws Exception {
    login("carol");
    JsonNode policy = ok("carol", "policy", "show", "--json").json();
    assertThat(policy.path("name").asText()).isEqualTo("custos-test");
    assertThat(policy.path("hash").asText()).isNotBlank();
    assertThat(policy.path("document").asText()).contains("vendor-payout");
    assertThat(ok("carol", "policy", "show").out()).contains("custos-test").contains("rules:");
  }

  @Test
  void usageErrorsExitTwoAndAnUnreachableServerExitsThree() throws Exception {
    login("alice");
    Run usage = cli("alice", "tx", "submit", "--wallet", "x", "--value", "1eth");
    assertThat(usage.exit()).as(usage.toString()).isEqualTo(2);
    assertThat(usage.err()).contains("--to");

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closed;
    ok(
        "alice",
        "login",
        "--server",
        nowhere,
        "--user",
        "alice",
        "--password-file",
        secretFile("alice", "alice-demo").toString());
    Run down = cli("alice", "whoami", "--server", nowhere);
    assertThat(down.exit()).as(down.toString()).isEqualTo(3);
    assertThat(down.err()).contains("Cannot reach the Custos server").contains(":" + closed);
  }
}
