package io.custos.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.PrivateFiles;
import io.custos.cli.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EIP-712 domain (name, version, chain id, verifying contract, salt) of each server this
 * approver has signed for, pinned on the first approval in {@code <config dir>/domains.json}. A
 * server that later asks for a signature under another domain (another chain, another deployment: a
 * signature it could replay there) is refused before anything is signed. {@code custos approver
 * forget-domain} drops a pin when a deployment really moved.
 */
public final class DomainPins {

  static final String FILE = "domains.json";

  private final Path dir;

  public DomainPins(Path configDir) {
    this.dir = configDir;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  /** Refuses (exit 1) when {@code server} has a pinned domain other than {@code domain}. */
  public void requirePinnedOrNew(String server, JsonNode domain) {
    JsonNode pinned = load().get(server);
    if (pinned != null && !pinned.equals(domain)) {
      throw CliException.refused(
          "Refusing to sign",
          "the server asks for a signature under the EIP-712 domain "
              + domain
              + " but you signed for "
              + server
              + " under "
              + pinned
              + " (pinned in "
              + file()
              + "). If the deployment really moved, run custos approver forget-domain");
    }
  }

  /** Pins {@code domain} for {@code server} if nothing is pinned yet; true when it did. */
  public boolean pinIfNew(String server, JsonNode domain) {
    ObjectNode pins = load();
    if (pins.has(server)) {
      return false;
    }
    pins.set(server, domain);
    save(pins);
    return true;
  }

  /** Drops the pin of {@code server}; true when there was one. */
  public boolean forget(String server) {
    ObjectNode pins = load();
    if (pins.remove(server) == null) {
      return false;
    }
    save(pins);
    return true;
  }

  private ObjectNode load() {
    if (!Files.exists(file())) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return (ObjectNode) Json.MAPPER.readTree(file().toFile());
    } catch (IOException | ClassCastException e) {
      throw CliException.refused(
          "Unreadable domain pins", file() + " cannot be read; fix or delete it");
    }
  }

  /** Written aside and moved into place ({@link PrivateFiles}), so a crash never leaves half. */
  private void save(ObjectNode pins) {
    try {
      PrivateFiles.write(dir, FILE, Json.write(pins));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.REFUSED, "Cannot save the domain pin", dir + ": " + e.getMessage());
    }
  }
}
