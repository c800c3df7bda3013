package io.custos.service.policy;

import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The policy every request is decided by. The configured file is parsed at startup (a document that
 * does not parse stops the service: running without the intended policy would decide by the wrong
 * rules); once governance has activated a version, the database's active version wins (see {@link
 * PolicyActivation}).
 *
 * <p>The three parts are published together in one immutable snapshot, so a swap never shows a
 * reader a document of one version and an engine of another. {@link #refresh} compares the active
 * hash in the database with the one in memory before each decision: an indexed one-row read, which
 * makes every instance decide by a version the moment another instance activates it.
 */
@Startup
@ApplicationScoped
public class ActivePolicy {

  private static final Logger LOG = Logger.getLogger(ActivePolicy.class);

  /**
   * One policy version.
   *
   * @param policy the parsed policy
   * @param engine its engine
   * @param document the document text as read
   */
  public record Snapshot(Policy policy, PolicyEngine engine, String document) {}

  private final PolicyVersions versions;
  private volatile Snapshot current;

  ActivePolicy(PolicyConfig config, PolicyVersions versions) {
    this.versions = versions;
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
      return parse(text);
    } catch (PolicyParseException e) {
      throw new IllegalStateException(
          "the policy file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static Snapshot parse(String text) throws PolicyParseException {
    Policy policy = PolicyParser.parse(text);
    return new Snapshot(policy, new PolicyEngine(policy), text);
  }

  /**
   * Makes the database's active version the current one if it differs (joins the caller's
   * transaction, so a decision reads the version its transaction sees).
   */
  @Transactional
  public Snapshot refresh() {
    Snapshot s = current;
    String hash = versions.activeHash().orElse(null);
    if (hash == null || hash.equals(s.policy().hash())) {
      return s;
    }
    PolicyVersions.Version v = versions.active().orElseThrow();
    if (v.document() == null) {
      // A row from before V10, written by an instance started with another file: nothing to load.
      LOG.warnf(
          "the active policy version %s has no stored document; keeping %s",
          hash, s.policy().hash());
      return s;
    }
    use(stored(v));
    return current;
  }

  /** Parses a stored version: it parsed when it was activated, so a failure is a bug. */
  static Snapshot stored(PolicyVersions.Version v) {
    try {
      return parse(v.document());
    } catch (PolicyParseException e) {
      throw new IllegalStateException(
          "the stored policy version " + v.view().hash() + " does not parse: " + e, e);
    }
  }

  void use(Snapshot s) {
    LOG.infof("the active policy is now %s (%s)", s.policy().name(), s.policy().hash());
    current = s;
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
