package io.custos.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Values put into request paths and query strings, encoded. */
final class Paths {

  private Paths() {}

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
