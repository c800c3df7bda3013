package io.custos.cli.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Re-checks, from an exported audit log alone, that every signed transaction's approval quorum was
 * met by valid device signatures of keys registered (and not revoked) at the time. Plain Java:
 * Jackson, Web3j and the policy engine, no framework: {@code custos audit verify} runs it on the
 * auditor's machine. It recomputes digests and recovers signers with its own code ({@link
 * Evidence}), not the service's, so that a bug in how the service signs or records cannot hide
 * itself here.
 *
 * <p>It walks the entries in log order and keeps its own state: the policy documents ({@code
 * policy.activated}, re-hashed), the approver keys ({@code approver.registered}, whose possession
 * proof and admin quorum it re-verifies, and {@code approver.revoked}), and the verdicts recorded
 * ({@code approval.recorded}, each re-verified against the keys active at that point). At each
 * {@code transaction.signed} it re-verifies every approval the entry says counted: the EIP-712
 * digest recomputed from the stored typed data, the signer recovered from the signature, the domain
 * (Custos, chain, deployment salt), the message against the raw transaction that was signed
 * (request, wallet, destination, value, calldata hash, fee caps, policy hash), and the key; then it
 * recounts the rule's quorum with the policy engine over the approvals that verified.
 *
 * <p>It does not check the log's hash chain or checkpoints: run the audit-log verifier for that
 * first, so that the entries read here are the ones the checkpoints commit to.
 */
public final class OfflineApprovalCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Policy> policies = new HashMap<>();
  private final Map<String, String> keyOwner = new HashMap<>();
  private final Set<String> activeKeys = new HashSet<>();
  private final Set<String> verifiedRecordings = new HashSet<>();
  private final List<ApprovalCheckReport.TransactionResult> results = new ArrayList<>();
  private final List<String> faults = new ArrayList<>();
  private String deploymentId;

  private OfflineApprovalCheck() {}

  /** Checks an export ({@code GET /api/v1/audit/export}, JSON Lines). */
  public static ApprovalCheckReport check(Path export) throws IOException {
    OfflineApprovalCheck check = new OfflineApprovalCheck();
    try (BufferedReader in = Files.newBufferedReader(export)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        if ("entry".equals(n.path("kind").asText())) {
          check.entry(n.path("seq").asLong(), n.get("entry"));
        }
      }
    }
    return new ApprovalCheckReport(check.results, check.faults);
  }

  private void entry(long seq, JsonNode e) {
    JsonNode p = e.path("payload");
    switch (e.path("type").asText()) {
      case "policy.activated" -> policyActivated(seq, p);
      case "approver.registered" -> registered(seq, p);
      case "approver.revoked" -> activeKeys.remove(p.path("address").asText());
      case "approval.recorded" -> recorded(p);
      case "transaction.signed" ->
          results.add(new SignedTransactionCheck(this, seq, e.path("time").asText(), p).run());
      default -> {
        // other entries do not bear on approvals
      }
    }
  }

  private void policyActivated(long seq, JsonNode p) {
    String hash = p.path("hash").asText();
    try {
      Policy policy = PolicyParser.parse(p.path("document").asText());
      if (!policy.hash().equals(hash)) {
        faults.add("entry " + seq + ": the policy document hashes to " + policy.hash());
        return;
      }
      policies.put(hash, policy);
      deploymentId = p.path("deploymentId").asText();
    } catch (Exception ex) {
      faults.add("entry " + seq + ": the policy document does not parse: " + ex.getMessage());
    }
  }

  private void registered(long seq, JsonNode p) {
    String address = p.path("address").asText();
    String subject = p.path("subject").asText();
    JsonNode proof = p.path("proof");
    JsonNode message = proof.path("typedData").path("message");
    List<String> wrong = new ArrayList<>();
    String signer = signer(proof.get("typedData"), proof.path("digest").asText(), proof, wrong);
    if (signer != null && !signer.equals(address)) {
      wrong.add("the proof is signed by " + signer + ", not by " + address);
    }
    if (!message.path("key").asText().equalsIgnoreCase(address)
        || !message.path("subject").asText().equals(subject)) {
      wrong.add("the proof binds another key or subject");
    }
    checkDomain(proof.path("typedData").path("domain"), null, wrong);
    if (!keyChangeQuorumMet(p, subject)) {
      wrong.add("the admins' approvals do not meet the governance quorum");
    }
    if (!wrong.isEmpty()) {
      faults.add("entry " + seq + ": registration of " + address + ": " + String.join("; ", wrong));
      return;
    }
    keyOwner.put(address, subject);
    activeKeys.add(address);
  }

  /** Recounts the admins' approvals of a registration (proposed by the key's owner). */
  private boolean keyChangeQuorumMet(JsonNode p, String proposer) {
    Policy policy = policies.get(p.path("policyHash").asText());
    if (policy == null) {
      return false;
    }
    PolicyEngine engine = new PolicyEngine(policy);
    Instant at = Instant.parse(p.path("registeredAt").asText());
    Decision d =
        engine.evaluateKeyChange(Requester.person(proposer), approvals(p.path("approvals")), at);
    return d instanceof Decision.Allow;
  }

  private void recorded(JsonNode p) {
    List<String> wrong = new ArrayList<>();
    String signer = signer(p.get("typedData"), p.path("digest").asText(), p, wrong);
    if (signer != null
        && wrong.isEmpty()
        && signer.equals(p.path("signer").asText())
        && activeKey(signer, p.path("approver").path("subject").asText())) {
      verifiedRecordings.add(p.path("signature").asText());
    }
  }

  /**
   * The address that signed {@code typedData}, recomputing its digest; null (with the reason in
   * {@code wrong}) when the digest or signature does not verify.
   */
  String signer(JsonNode typedData, String recordedDigest, JsonNode holder, List<String> wrong) {
    try {
      String digest = Evidence.hex(Evidence.digest(typedData));
      if (!digest.equals(recordedDigest)) {
        wrong.add("the typed data hashes to " + digest + ", not to the recorded " + recordedDigest);
        return null;
      }
      return Evidence.recover(Evidence.digest(typedData), holder.path("signature").asText());
    } catch (IllegalArgumentException e) {
      wrong.add(e.getMessage());
      return null;
    }
  }

  /** Checks an EIP-712 domain: Custos, version 1, this deployment, and the chain if given. */
  void checkDomain(JsonNode domain, Long chainId, List<String> wrong) {
    if (!Evidence.DOMAIN_NAME.equals(domain.path("name").asText())
        || !Evidence.DOMAIN_VERSION.equals(domain.path("version").asText())) {
      wrong.add("the domain is not Custos version " + Evidence.DOMAIN_VERSION);
    }
    if (deploymentId == null
        || !domain
            .path("salt")
            .asText()
            .equalsIgnoreCase(Evidence.salt(UUID.fromString(deploymentId)))) {
      wrong.add("the domain salt is not this deployment's (" + deploymentId + ")");
    }
    if (chainId != null && domain.path("chainId").asLong(-1) != chainId) {
      wrong.add("the domain is for chain " + domain.path("chainId").asText());
    }
  }

  boolean activeKey(String address, String subject) {
    return activeKeys.contains(address) && subject.equals(keyOwner.get(address));
  }

  boolean recordedWhileActive(String signature) {
    return verifiedRecordings.contains(signature);
  }

  Policy policy(String hash) {
    return policies.get(hash);
  }

  static List<Approval> approvals(Iterable<JsonNode> list) {
    List<Approval> out = new ArrayList<>();
    for (JsonNode a : list) {
      Set<String> groups = new HashSet<>();
      a.path("groups").forEach(g -> groups.add(g.asText()));
      out.add(
          new Approval(
              a.path("subject").asText(),
              groups,
              Approval.Verdict.valueOf(a.path("verdict").asText()),
              Instant.parse(a.path("at").asText()),
              null));
    }
    return out;
  }
}
