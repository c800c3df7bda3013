package io.custos.service.wallet;

import java.util.List;
import java.util.regex.Pattern;

/** The bodies the wallet endpoints accept, checked once here. */
final class WalletRequests {

  static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");
  static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
  static final int MAX_TAGS = 16;

  private WalletRequests() {}

  /**
   * {@code POST /api/v1/wallets}.
   *
   * @param adopt true to take a key already on the token under the wallet's key label (left by a
   *     crash, or made with the vendor's tools); null or false refuses such a key
   */
  record Create(String label, List<String> tags, Boolean adopt) {}

  /** The problems with a label, or null if it is fine. */
  static String labelProblem(String label) {
    if (label == null || !LABEL.matcher(label).matches()) {
      return "label must be 1 to 48 of a-z, 0-9, '.', '_', '-', starting with a letter or digit";
    }
    return null;
  }

  /** The problems with a tag list, or null if it is fine. */
  static String tagsProblem(List<String> tags) {
    if (tags == null) {
      return null;
    }
    if (tags.size() > MAX_TAGS) {
      return "at most " + MAX_TAGS + " tags";
    }
    for (String t : tags) {
      if (t == null || !TAG.matcher(t).matches()) {
        return "tag '" + t + "' must be 1 to 32 of a-z, 0-9, '.', '_', '-'";
      }
    }
    return null;
  }
}
