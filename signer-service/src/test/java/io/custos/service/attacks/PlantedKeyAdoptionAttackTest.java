package io.custos.service.attacks;

import static io.custos.service.attacks.AttackApi.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyVault;
import io.custos.service.support.Counts;
import io.custos.service.support.RealStack;
import io.custos.service.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Attack: someone who can write to the token (but cannot sign through Custos) imports a key whose
 * private part they keep, under the label the next wallet's key will have. The service used to
 * adopt any key under that label, so the wallet's funds were theirs. Now a key already on the token
 * is adopted only when the admin asks for it, and only if the token reports it generated there and
 * never extractable; every refusal is on the audit log.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class PlantedKeyAdoptionAttackTest {

  private static final String WALLETS = "/api/v1/wallets";

  @Inject DataSource db;
  @Inject KeyVault vault;

  @ConfigProperty(name = "custos.hsm.module")
  String module;

  @ConfigProperty(name = "custos.hsm.token-label")
  String tokenLabel;

  @ConfigProperty(name = "custos.hsm.pin-file")
  Path pinFile;

  @Test
  void aKeyPlantedUnderAWalletsLabelIsNotAdoptedWithoutBeingAsked() throws Exception {
    String label = freshLabel();
    plantImportedKey("custos:wallet:" + label);

    JsonPath problem = create(label, null).then().statusCode(409).extract().jsonPath();

    assertThat(problem.getString("type")).isEqualTo("urn:custos:problem:key-exists");
    assertThat(problem.getString("label")).isEqualTo(label);
    assertThat(walletRows(label)).isZero();
    assertThat(refusals(label)).isEqualTo(1);
  }

  @Test
  void aKeyPlantedUnderAWalletsLabelIsRefusedEvenWhenAdoptionIsAsked() throws Exception {
    String label = freshLabel();
    plantImportedKey("custos:wallet:" + label);

    JsonPath problem = create(label, true).then().statusCode(422).extract().jsonPath();

    assertThat(problem.getString("type")).isEqualTo("urn:custos:problem:key-not-born-on-token");
    assertThat(problem.getString("label")).isEqualTo(label);
    assertThat(walletRows(label)).isZero();
    assertThat(refusals(label)).isEqualTo(1);
    assertThat(payloads("key.refused", label))
        .allMatch(p -> p.contains("\"reason\":\"key-not-born-on-token\""));
    assertThat(keysCreated(label)).isZero();
  }

  @Test
  void twoKeysUnderAWalletsLabelAreRefusedWhicheverTheTokenListsFirst() throws Exception {
    String label = freshLabel();
    vault.generate("custos:wallet:" + label);
    plantImportedKey("custos:wallet:" + label);

    JsonPath problem = create(label, true).then().statusCode(409).extract().jsonPath();

    assertThat(problem.getString("type")).isEqualTo("urn:custos:problem:key-label-ambiguous");
    assertThat(walletRows(label)).isZero();
    assertThat(refusals(label)).isEqualTo(1);
  }

  @Test
  void aKeyTheTokenGeneratedIsAdoptedWhenAskedAndTheLogSaysSo() throws Exception {
    String label = freshLabel();
    KeyInfo leftByACrash = vault.generate("custos:wallet:" + label);

    create(label, null).then().statusCode(409);
    String address =
        create(label, true).then().statusCode(201).extract().jsonPath().getString("address");

    assertThat(address).isEqualToIgnoringCase(leftByACrash.address().toString());
    assertThat(walletRows(label)).isEqualTo(1);
    assertThat(keysCreated(label)).isEqualTo(1);
    assertThat(payloads("key.created", label)).allMatch(p -> p.contains("\"adopted\":true"));
  }

  private static Response create(String label, Boolean adopt) {
    Map<String, Object> body = new HashMap<>(Map.of("label", label));
    if (adopt != null) {
      body.put("adopt", adopt);
    }
    return as(Tokens.of("erin")).body(body).post(WALLETS);
  }

  private static String freshLabel() {
    return "plant-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Imports a secp256k1 key made outside the token, as anyone holding the user PIN could with the
   * vendor's tools: the token reports it as neither generated there nor never extractable.
   */
  private void plantImportedKey(String keyLabel) throws Exception {
    Path dir = Files.createTempDirectory("planted");
    Path privateDer = dir.resolve("key.der");
    Path publicDer = dir.resolve("pub.der");
    run(
        "openssl",
        "ecparam",
        "-name",
        "secp256k1",
        "-genkey",
        "-noout",
        "-outform",
        "DER",
        "-out",
        privateDer.toString());
    run(
        "openssl",
        "ec",
        "-inform",
        "DER",
        "-in",
        privateDer.toString(),
        "-pubout",
        "-outform",
        "DER",
        "-out",
        publicDer.toString());
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    for (String[] object :
        List.of(
            new String[] {"privkey", privateDer.toString()},
            new String[] {"pubkey", publicDer.toString()})) {
      pkcs11Tool("--write-object", object[1], "--type", object[0], "--id", id, "--label", keyLabel);
    }
  }

  private void pkcs11Tool(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "pkcs11-tool",
                "--module",
                module,
                "--token-label",
                tokenLabel,
                "--login",
                "--pin",
                Files.readString(pinFile, StandardCharsets.UTF_8).strip()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    // RealStack writes the PIN file beside the token's own SoftHSM2 configuration
    pb.environment().put("SOFTHSM2_CONF", pinFile.resolveSibling("softhsm2.conf").toString());
    exec(pb);
  }

  private static void run(String... command) throws Exception {
    exec(new ProcessBuilder(command));
  }

  private static void exec(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  private long walletRows(String label) throws Exception {
    return Counts.of(db, "SELECT count(*) FROM wallet WHERE label = ?", label);
  }

  private long refusals(String label) throws Exception {
    return payloads("key.refused", label).size();
  }

  private long keysCreated(String label) throws Exception {
    return payloads("key.created", label).size();
  }

  /**
   * Entries of {@code type} about the wallet label, sequenced or still in the inbox (the sequencer
   * numbers committed events a moment after their transaction).
   */
  private List<String> payloads(String type, String label) throws Exception {
    List<String> found = new ArrayList<>();
    try (var c = db.getConnection();
        var s =
            c.prepareStatement(
                "SELECT entry FROM audit_entry WHERE entry_type = ? AND entry LIKE ?"
                    + " UNION ALL SELECT payload FROM audit_inbox i WHERE entry_type = ?"
                    + " AND payload LIKE ? AND NOT EXISTS"
                    + " (SELECT 1 FROM audit_entry e WHERE e.inbox_id = i.id)")) {
      String about = "%\"wallet\":\"" + label + "\"%";
      s.setString(1, type);
      s.setString(2, about);
      s.setString(3, type);
      s.setString(4, about);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }
}
