package io.custos.service.permissions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The permission model of the API, read from {@code permissions.csv}: the one table that the matrix
 * test walks, the completeness test checks against the code and {@code docs/permissions.md} is
 * rendered from.
 */
final class PermissionTable {

  /** Where the table lives in the repository, for messages that tell people what to edit. */
  static final String SOURCE = "signer-service/src/test/resources/permissions.csv";

  /** The Custos realm roles, in the order the matrix shows them. */
  static final List<String> ROLES =
      List.of("requester", "approver", "operator", "admin", "auditor", "guardian");

  static final String PUBLIC = "public";
  static final String AUTHENTICATED = "authenticated";

  /** What the authorization layer answers a caller. */
  enum Outcome {
    ALLOWED("✓"),
    UNAUTHENTICATED("401"),
    FORBIDDEN("403");

    private final String mark;

    Outcome(String mark) {
      this.mark = mark;
    }

    String mark() {
      return mark;
    }
  }

  /**
   * One endpoint and who may call it.
   *
   * @param who {@link #PUBLIC}, {@link #AUTHENTICATED}, or a non-empty subset of {@link #ROLES}
   */
  record Endpoint(String method, String path, Set<String> who, String what) {

    Endpoint {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      who = Set.copyOf(who);
      if (!method.matches("GET|POST|PUT|DELETE|PATCH")) {
        throw new IllegalArgumentException("unknown method " + method + " for " + path);
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /: " + path);
      }
      boolean special = who.contains(PUBLIC) || who.contains(AUTHENTICATED);
      if (who.isEmpty() || (special && who.size() > 1) || (!special && !ROLES.containsAll(who))) {
        throw new IllegalArgumentException(
            "who of "
                + method
                + " "
                + path
                + " must be 'public', 'authenticated' or roles among "
                + ROLES
                + ": "
                + who);
      }
    }

    String key() {
      return method + " " + path;
    }

    boolean isPublic() {
      return who.contains(PUBLIC);
    }

    /** The answer expected for an anonymous caller. */
    Outcome expectedForAnonymous() {
      return isPublic() ? Outcome.ALLOWED : Outcome.UNAUTHENTICATED;
    }

    /** The answer expected for a caller with a valid token carrying these Custos roles. */
    Outcome expectedFor(Set<String> callerRoles) {
      if (isPublic() || who.contains(AUTHENTICATED)) {
        return Outcome.ALLOWED;
      }
      return callerRoles.stream().anyMatch(who::contains) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }
  }

  private PermissionTable() {}

  static List<Endpoint> load() {
    try (InputStream in = PermissionTable.class.getResourceAsStream("/permissions.csv")) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is not on the test classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Endpoint> parse(String text) {
    List<Endpoint> rows = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", 4);
      if (cells.length != 4) {
        throw new IllegalArgumentException(
            SOURCE + " line " + (i + 1) + ": expected method, path, who, what: " + line);
      }
      Set<String> who = new LinkedHashSet<>(Arrays.asList(cells[2].strip().split("\\s+")));
      Endpoint e = new Endpoint(cells[0].strip(), cells[1].strip(), who, cells[3].strip());
      if (!keys.add(e.key())) {
        throw new IllegalArgumentException(SOURCE + " line " + (i + 1) + ": twice " + e.key());
      }
      rows.add(e);
    }
    return List.copyOf(rows);
  }
}
