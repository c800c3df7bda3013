package io.custos.policy;

import io.custos.policy.parse.Canonical;
import io.custos.policy.parse.Node;
import io.custos.policy.parse.PolicyBinder;
import io.custos.policy.parse.TreeReader;
import java.util.Set;

/**
 * Reads policy documents strictly: unknown keys, malformed addresses or amounts, and references to
 * undefined groups, lists or tokens are {@link PolicyParseException}s naming the path, line and
 * column. Thread-safe and stateless.
 */
public final class PolicyParser {
  private PolicyParser() {}

  /** Parses a document, as JSON if it starts with <code>{</code>, else as YAML. */
  public static Policy parse(String document) throws PolicyParseException {
    String head = document == null ? "" : document.stripLeading();
    return head.startsWith("{") ? parseJson(document) : parseYaml(document);
  }

  /** Parses a YAML document. */
  public static Policy parseYaml(String yaml) throws PolicyParseException {
    return build(TreeReader.readYaml(yaml));
  }

  /** Parses a JSON document. */
  public static Policy parseJson(String json) throws PolicyParseException {
    return build(TreeReader.readJson(json));
  }

  private static Policy build(Node root) throws PolicyParseException {
    PolicyBinder.Bound bound = PolicyBinder.bind(root);
    String canonical = Canonical.json(root, Set.of());
    String withoutBook = Canonical.json(root, Set.of("address_book"));
    return new Policy(
        bound.name(),
        bound.description(),
        bound.groups(),
        bound.addressBook(),
        bound.rules(),
        bound.governance(),
        canonical,
        Canonical.sha256(canonical),
        Canonical.sha256(withoutBook));
  }
}
