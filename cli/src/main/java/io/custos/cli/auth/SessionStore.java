package io.custos.cli.auth;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.PrivateFiles;
import io.custos.cli.http.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cached login in {@code <config dir>/session.json}. The directory is 0700 and the file 0600
 * from the moment it exists (created with those modes, then moved into place), because it holds a
 * bearer token and a refresh token.
 */
public final class SessionStore {

  static final String FILE = "session.json";

  private final Path dir;

  public SessionStore(Path dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  public Optional<Session> load() {
    Path f = file();
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(f.toFile(), Session.class));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.REFUSED,
          "Unreadable session",
          f + " cannot be read (" + e.getMessage() + "); run custos logout, then custos login");
    }
  }

  public void save(Session session) {
    try {
      PrivateFiles.write(dir, FILE, Json.write(session));
    } catch (FileAlreadyExistsException e) {
      throw new CliException(
          ExitCodes.REFUSED, "Cannot save the session", "race on " + e.getFile());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.REFUSED, "Cannot save the session", dir + ": " + e.getMessage());
    }
  }

  /** Deletes the cached login; true if there was one. */
  public boolean delete() {
    try {
      return Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.REFUSED, "Cannot delete the session", file() + ": " + e.getMessage());
    }
  }
}
