package io.custos.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.http.Json;
import java.io.PrintWriter;
import java.util.Set;

/**
 * Where a command writes: results to standard output (JSON with {@code --json}, else text for
 * people), progress and errors to standard error. Colours only on a terminal and never in JSON.
 */
public final class Out {

  private static final Set<String> GOOD = Set.of("CONFIRMED", "APPROVED", "ALLOW", "APPROVE");
  private static final Set<String> BAD =
      Set.of("DENIED", "REJECTED", "FAILED", "EXPIRED", "DENY", "REJECT");

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean colour;
  private final boolean wei;

  public Out(PrintWriter out, PrintWriter err, boolean json, boolean colour, boolean wei) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.colour = colour && !json;
    this.wei = wei;
  }

  public boolean json() {
    return json;
  }

  public boolean wei() {
    return wei;
  }

  public boolean colour() {
    return colour;
  }

  public void json(Object value) {
    out.println(Json.write(value));
    out.flush();
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void table(Table t) {
    t.lines().forEach(out::println);
    out.flush();
  }

  /** Label/value pairs, labels padded to one width. */
  public void fields(String[][] pairs) {
    int width = 0;
    for (String[] p : pairs) {
      width = Math.max(width, p[0].length());
    }
    for (String[] p : pairs) {
      out.println(dim(p[0]) + " ".repeat(width - p[0].length() + 2) + (p[1] == null ? "-" : p[1]));
    }
    out.flush();
  }

  /** A progress or notice line on standard error, which scripts reading stdout never see. */
  public void note(String text) {
    err.println(text);
    err.flush();
  }

  /** Overwrites the current progress line on a terminal; nothing elsewhere. */
  public void spinner(String text) {
    if (colour) {
      err.print("\r\u001B[2K" + text);
      err.flush();
    }
  }

  public void endSpinner() {
    if (colour) {
      err.print("\r\u001B[2K");
      err.flush();
    }
  }

  public String amount(String weiValue) {
    return Amounts.show(weiValue, wei);
  }

  public String bold(String s) {
    return style("1", s);
  }

  public String dim(String s) {
    return style("2", s);
  }

  public String green(String s) {
    return style("32", s);
  }

  public String red(String s) {
    return style("31", s);
  }

  /** A state, outcome or verdict, green when good, red when final and bad, yellow otherwise. */
  public String state(String s) {
    if (s == null) {
      return "-";
    }
    if (GOOD.contains(s)) {
      return green(s);
    }
    return BAD.contains(s) ? red(s) : style("33", s);
  }

  private String style(String code, String s) {
    return colour && s != null ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
  }

  /** Writes a JSON node as is (the REST API's field names). */
  public void json(JsonNode node) {
    json((Object) node);
  }
}
