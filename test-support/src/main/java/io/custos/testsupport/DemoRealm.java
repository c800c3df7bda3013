package io.custos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The demo realm: the production template {@code deploy/keycloak/custos-realm.json} (roles, groups,
 * clients; no user, no secret) plus {@code deploy/keycloak/demo-overlay.json} (the demo's people
 * and its {@code staking-bot} service account), with the bot's secret chosen per install by {@code
 * ./custos up} and per test JVM by {@link KeycloakServer}. Roles and clients stay in one file, and
 * the file operators import never holds a credential.
 *
 * <p>Run as a program by the local stack: {@code DemoRealm SECRET_FILE REALM_FILE [ROOT]} makes the
 * secret file when it is missing (random, owner-only) and writes the merged realm (owner-only, as
 * it holds the secret) for Keycloak's {@code --import-realm}. Neither is ever printed.
 */
public final class DemoRealm {

  /** The demo's service account, a confidential client whose secret this class sets. */
  public static final String BOT = "staking-bot";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoRealm() {}

  /** A fresh random secret for the bot: 32 hex characters, 128 bits. */
  public static String newSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The realm for Keycloak: each array of the overlay (users, clients) appended to the template's,
   * each other field of the overlay in place of the template's, and the bot's secret set.
   */
  public static String json(Path root, String botSecret) {
    ObjectNode realm = read(root.resolve("deploy/keycloak/custos-realm.json"));
    ObjectNode overlay = read(root.resolve("deploy/keycloak/demo-overlay.json"));
    for (Map.Entry<String, JsonNode> field : overlay.properties()) {
      JsonNode mine = realm.get(field.getKey());
      if (mine instanceof ArrayNode list && field.getValue() instanceof ArrayNode more) {
        list.addAll(more);
      } else {
        realm.set(field.getKey(), field.getValue());
      }
    }
    bot(realm).put("secret", botSecret);
    return realm.toPrettyString();
  }

  /** {@code DemoRealm SECRET_FILE REALM_FILE [ROOT]}: see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DemoRealm SECRET_FILE REALM_FILE [REPOSITORY_ROOT]");
      System.exit(2);
    }
    Path secretFile = Path.of(args[0]);
    Path root = args.length == 3 ? Path.of(args[2]) : Tools.rootDir();
    if (!Files.exists(secretFile)) {
      writeOwnerOnly(secretFile, newSecret());
    }
    String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
    writeOwnerOnly(Path.of(args[1]), json(root, secret));
  }

  private static ObjectNode bot(ObjectNode realm) {
    for (JsonNode client : realm.withArray("clients")) {
      if (BOT.equals(client.path("clientId").asText())) {
        return (ObjectNode) client;
      }
    }
    throw new IllegalStateException("the demo overlay has no client " + BOT);
  }

  private static ObjectNode read(Path file) {
    try {
      return (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces the file with one only its owner can read, created so before the text goes in. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
