package io.custos.testsupport;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Short unique names for per-class resources: readable in logs, valid as labels and database names.
 */
final class Names {

  private Names() {}

  static String forClass(Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (simple.length() > 20) {
      simple = simple.substring(0, 20);
    }
    return "t_" + simple + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }
}
