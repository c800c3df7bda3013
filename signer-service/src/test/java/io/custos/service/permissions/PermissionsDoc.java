package io.custos.service.permissions;

import io.custos.service.permissions.PermissionTable.Endpoint;
import java.util.List;
import java.util.Set;

/**
 * Renders the matrix of {@code docs/permissions.md} from the table. Only the part between the two
 * markers is generated; the prose around it is written by hand.
 */
final class PermissionsDoc {

  static final String BEGIN =
      "<!-- BEGIN generated from "
          + PermissionTable.SOURCE
          + " by PermissionsDocTest: edit the table, not this block -->";
  static final String END = "<!-- END generated -->";

  private PermissionsDoc() {}

  static String render(List<Endpoint> table) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append("\n\n");
    out.append("### The API\n\n");
    out.append("| endpoint | anonymous | no Custos role |");
    PermissionTable.ROLES.forEach(r -> out.append(' ').append(r).append(" |"));
    out.append(" what |\n|---|---|---|");
    PermissionTable.ROLES.forEach(r -> out.append("---|"));
    out.append("---|\n");
    for (Endpoint e : table) {
      if (e.isPublic()) {
        continue;
      }
      out.append("| `").append(e.key()).append("` | ");
      out.append(e.expectedForAnonymous().mark()).append(" | ");
      out.append(e.expectedFor(Set.of()).mark()).append(" |");
      for (String role : PermissionTable.ROLES) {
        out.append(' ').append(e.expectedFor(Set.of(role)).mark()).append(" |");
      }
      out.append(' ').append(escape(e.what())).append(" |\n");
    }
    out.append("\n### Operational endpoints (no token, management port only)\n\n");
    out.append("| endpoint | what |\n|---|---|\n");
    for (Endpoint e : table) {
      if (e.isPublic()) {
        out.append("| `").append(e.key()).append("` | ").append(escape(e.what())).append(" |\n");
      }
    }
    out.append('\n').append(END);
    return out.toString();
  }

  /** The generated block of a document, markers included; null when the markers are missing. */
  static String generatedBlock(String document) {
    int begin = document.indexOf(BEGIN);
    int end = document.indexOf(END);
    if (begin < 0 || end < begin) {
      return null;
    }
    return document.substring(begin, end + END.length());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
