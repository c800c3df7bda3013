package io.custos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.CliRun;
import io.custos.cli.ExitCodes;
import io.custos.cli.FakeServer;
import io.custos.cli.http.Json;
import io.custos.cli.keys.Keystores;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The commands whose endpoints are built on other branches (device-signed approvals, approver keys,
 * events), against a fake server that answers per the agreed API contract.
 */
class DeviceSignedCommandsTest {

  private static final String ID = "0b9c3f7e-3c1e-4bde-9a52-1f0e6f0c2d11";
  private static final String VENDOR = "0x1111111111111111111111111111111111111111";
  private static final String PASSWORD = "bobs device password";

  @TempDir Path tmp;
  private FakeServer server;
  private Path keystore;
  private String address;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeServer();
    server.loggedIn(tmp.resolve("cfg"));
    keystore = tmp.resolve("bob.json");
    address = Keystores.create(keystore, PASSWORD.toCharArray(), true);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private CliRun cli(String... args) {
    return CliRun.run(
        Map.of(
            "CUSTOS_CONFIG_DIR",
            tmp.resolve("cfg").toString(),
            "CUSTOS_KEYSTORE_PASSWORD",
            PASSWORD),
        tmp,
        args);
  }

  private static String request(String state) {
    return """
        {"id":"%s","state":"%s","wallet":"treasury","kind":"native_transfer","to":"%s",
         "value":"5000000000000000000","data":"0x","requester":"alice",
         "decision":{"outcome":"NEEDS_APPROVAL","rule":"vendor-payout","policyHash":"abc",
                     "reasons":[],"missing":["2 more of treasury"],"explanation":[]},
         "approvals":[],"transaction":null,"replaces":null,"replacedBy":null}
        """
        .formatted(ID, state, VENDOR);
  }

  private static String typedData(String primaryType, String messageType, String message) {
    return """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                                  {"name":"chainId","type":"uint256"}],
                  "%s":%s},
         "primaryType":"%s","domain":{"name":"Custos","version":"1","chainId":31337},
         "message":%s}
        """
        .formatted(primaryType, messageType, primaryType, message);
  }

  private static String approvalOffer(String value) throws Exception {
    return approvalOffer(value, "approve");
  }

  private static String approvalOffer(String value, String verdict) throws Exception {
    String td =
        typedData(
            "Approval",
            """
            [{"name":"requestId","type":"string"},{"name":"verdict","type":"string"},
             {"name":"to","type":"address"},{"name":"value","type":"uint256"}]""",
            """
            {"requestId":"%s","verdict":"%s","to":"%s","value":"%s"}"""
                .formatted(ID, verdict, VENDOR, value));
    return "{\"typedData\":%s,\"digest\":\"%s\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"
        .formatted(td, digest(td));
  }

  private static String digest(String typedData) throws Exception {
    return "0x"
        + HexFormat.of().formatHex(new StructuredDataEncoder(typedData).hashStructuredData());
  }

  /** The address that signed {@code digest} with the API's r||s||v signature. */
  private static String signer(String digestHex, String signature) throws Exception {
    byte[] raw = HexFormat.of().parseHex(signature.substring(2));
    var data =
        new Sign.SignatureData(
            raw[64], Arrays.copyOfRange(raw, 0, 32), Arrays.copyOfRange(raw, 32, 64));
    BigInteger key =
        Sign.signedMessageHashToKey(HexFormat.of().parseHex(digestHex.substring(2)), data);
    return "0x" + Keys.getAddress(key);
  }

  private JsonNode posted(String path) {
    return server.calls().stream()
        .filter(c -> c.method().equals("POST") && c.path().equals(path))
        .map(c -> Json.parse(c.body()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void approveChecksTheTypedDataSignsItWithTheKeystoreAndPostsItWithTheSignature()
      throws Exception {
    String offer = approvalOffer("5000000000000000000");
    server
        .json("GET /api/v1/requests/" + ID, 200, request("PENDING_APPROVAL"))
        .json("GET /api/v1/requests/" + ID + "/typed-data?verdict=approve", 200, offer)
        .json("POST /api/v1/requests/" + ID + "/approvals", 200, request("PENDING_APPROVAL"));

    CliRun r =
        cli(
            "--server",
            server.url(),
            "tx",
            "approve",
            ID,
            "--keystore",
            keystore.toString(),
            "--comment",
            "invoice checked",
            "--yes");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("requestId").contains("matches").contains("domain.chainId");
    JsonNode body = posted("/api/v1/requests/" + ID + "/approvals");
    assertThat(body.path("verdict").asText()).isEqualTo("approve");
    assertThat(body.path("comment").asText()).isEqualTo("invoice checked");
    assertThat(body.path("typedData")).isEqualTo(Json.parse(offer).path("typedData"));
    String digest = Json.parse(offer).path("digest").asText();
    assertThat(signer(digest, body.path("signature").asText())).isEqualToIgnoringCase(address);
  }

  @Test
  void approveRefusesTypedDataThatDiffersFromTheRequestAndPostsNothing() throws Exception {
    server
        .json("GET /api/v1/requests/" + ID, 200, request("PENDING_APPROVAL"))
        .json(
            "GET /api/v1/requests/" + ID + "/typed-data?verdict=approve",
            200,
            approvalOffer("50000000000000000000"));

    CliRun r =
        cli(
            "--server",
            server.url(),
            "tx",
            "approve",
            ID,
            "--keystore",
            keystore.toString(),
            "--yes");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).contains("Refusing to sign").contains("value is 50000000000000000000");
    assertThat(r.out()).contains("DIFFERS");
    assertThat(posted("/api/v1/requests/" + ID + "/approvals")).isNull();
  }

  private CliRun approve() {
    return cli(
        "--server", server.url(), "tx", "approve", ID, "--keystore", keystore.toString(), "--yes");
  }

  /** The same offer under another chain id, its digest recomputed as a consistent server would. */
  private static String onChain(String offer, long chainId) throws Exception {
    String td =
        Json.parse(offer).path("typedData").toString().replace("31337", Long.toString(chainId));
    return "{\"typedData\":%s,\"digest\":\"%s\"}".formatted(td, digest(td));
  }

  @Test
  void theFirstApprovalPinsTheDomainAndForgetDomainDropsThePin() throws Exception {
    String offer = approvalOffer("5000000000000000000");
    server
        .json("GET /api/v1/requests/" + ID, 200, request("PENDING_APPROVAL"))
        .json("GET /api/v1/requests/" + ID + "/typed-data?verdict=approve", 200, offer)
        .json("POST /api/v1/requests/" + ID + "/approvals", 200, request("PENDING_APPROVAL"));
    assertThat(approve().exit()).isZero();
    assertThat(Files.readString(tmp.resolve("cfg/domains.json")))
        .contains(server.url())
        .contains("31337");

    server.json(
        "GET /api/v1/requests/" + ID + "/typed-data?verdict=approve", 200, onChain(offer, 1));
    server.calls().clear();
    CliRun moved = approve();
    assertThat(moved.exit()).as(moved.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(moved.err()).contains("EIP-712 domain").contains("forget-domain");
    assertThat(posted("/api/v1/requests/" + ID + "/approvals")).isNull();

    CliRun forget = cli("--server", server.url(), "approver", "forget-domain");
    assertThat(forget.exit()).as(forget.toString()).isZero();
    assertThat(forget.out()).contains("forgot the domain of " + server.url());
    assertThat(approve().exit()).isZero();
    JsonNode pins = Json.parse(Files.readString(tmp.resolve("cfg/domains.json")));
    assertThat(pins.path(server.url()).path("chainId").asLong()).isEqualTo(1);
  }

  @Test
  void withoutATerminalSigningNeedsYes() throws Exception {
    server
        .json("GET /api/v1/requests/" + ID, 200, request("PENDING_APPROVAL"))
        .json(
            "GET /api/v1/requests/" + ID + "/typed-data?verdict=reject",
            200,
            approvalOffer("5000000000000000000", "reject"));

    CliRun r =
        cli(
            "--server",
            server.url(),
            "tx",
            "reject",
            ID,
            "--keystore",
            keystore.toString(),
            "--reason",
            "wrong vendor");

    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--yes");
    assertThat(posted("/api/v1/requests/" + ID + "/approvals")).isNull();
  }

  @Test
  void registerSignsAKeyRegistrationNamingTheKeystoresAddress() throws Exception {
    String td =
        typedData(
            "KeyRegistration",
            "[{\"name\":\"subject\",\"type\":\"string\"},{\"name\":\"address\",\"type\":\"address\"}]",
            "{\"subject\":\"bob-subject\",\"address\":\"%s\"}".formatted(address));
    String checksummed = Keys.toChecksumAddress(address);
    server
        .json(
            "GET /api/v1/approvers/me/registration-typed-data?address=" + checksummed,
            200,
            "{\"typedData\":%s,\"digest\":\"%s\"}".formatted(td, digest(td)))
        .json(
            "POST /api/v1/approvers/keys",
            202,
            "{\"id\":\"51aa\",\"kind\":\"approver_key.register\",\"state\":\"PENDING_APPROVAL\"}");

    CliRun r =
        cli(
            "--server",
            server.url(),
            "approver",
            "register",
            "--keystore",
            keystore.toString(),
            "--yes",
            "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Json.parse(r.out()).path("kind").asText()).isEqualTo("approver_key.register");
    JsonNode body = posted("/api/v1/approvers/keys");
    assertThat(body.path("address").asText()).isEqualTo(checksummed);
    assertThat(signer(digest(td), body.path("signature").asText())).isEqualToIgnoringCase(address);
  }

  @Test
  void watchWakesUpOnAServerSentEventAndExitsZeroOnConfirmation() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    String confirmed =
        request("CONFIRMED")
            .replace(
                "\"transaction\":null",
                "\"transaction\":{\"hash\":\"0xabc\",\"nonce\":3,\"state\":\"CONFIRMED\",\"blockNumber\":12}");
    server
        .on(
            "GET /api/v1/requests/" + ID,
            ex ->
                FakeServer.send(
                    ex,
                    200,
                    "application/json",
                    reads.getAndIncrement() == 0 ? request("BROADCAST") : confirmed))
        .on(
            "GET /api/v1/requests/events?id=" + ID,
            ex -> {
              ex.getResponseHeaders().set("Content-Type", "text/event-stream");
              ex.sendResponseHeaders(200, 0);
              var out = ex.getResponseBody();
              out.write(
                  ("event: request\nid: 1\ndata: {\"id\":\""
                          + ID
                          + "\",\"state\":\"CONFIRMED\"}\n\n")
                      .getBytes());
              out.flush();
              // The stream stays open: only the event, not its end, can wake the watcher in time.
              try {
                done.await(90, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    CliRun r;
    try {
      // Polling alone would first look again after 60 s, past the 30 s timeout (exit 1).
      r =
          cli(
              "--server",
              server.url(),
              "tx",
              "watch",
              ID,
              "--interval",
              "60s",
              "--timeout",
              "30s",
              "--json");
    } finally {
      done.countDown();
    }

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Json.parse(r.out()).path("transaction").path("blockNumber").asLong()).isEqualTo(12);
    assertThat(r.err()).contains("BROADCAST").contains("CONFIRMED  tx 0xabc nonce 3 block 12");
  }

  @Test
  void aProblemFromTheServerPrintsItsTitleAndDetailAndExitsOne() {
    CliRun r = cli("--server", server.url(), "policy", "history");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).isEqualTo("error: No such resource: GET /api/v1/policy/versions\n");
  }
}
