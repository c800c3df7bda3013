package io.custos.service.policy;

import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The policy every request is decided by, parsed once at startup. A document that does not parse
 * stops the service: running without the intended policy would decide by the wrong rules.
 *
 * <p>The three parts are published together in one immutable snapshot, so a later hot swap (policy
 * governance) can replace it atomically without a reader seeing a document of one version and an
 * engine of another.
 */
@Startup
@ApplicationScoped
public class ActivePolicy {

  /**
   * One policy version.
   *
   * @param policy the parsed policy
   * @param engine its engine
   * @param document the document text as read
   */
  public record Snapshot(Policy policy, PolicyEngine engine, String document) {}

  private final Snapshot current;

  ActivePolicy(PolicyConfig config) {
    this.current = load(config.file());
  }

  static Snapshot load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the policy file " + file + ": " + e, e);
    }
    try {
      Policy policy = PolicyParser.parse(text);
      return new Snapshot(policy, new PolicyEngine(policy), text);
    } catch (PolicyParseException e) {
      throw new IllegalStateException(
          "the policy file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  public Snapshot current() {
    return current;
  }

  public Policy policy() {
    return current.policy();
  }

  public PolicyEngine engine() {
    return current.engine();
  }
}
