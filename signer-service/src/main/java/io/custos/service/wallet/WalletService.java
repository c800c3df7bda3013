package io.custos.service.wallet;

import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyVault;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** Wallets: keys generated in the HSM, recorded in the database. */
@ApplicationScoped
public class WalletService {

  /**
   * HSM labels of wallet keys; keeps them apart from other keys on the token (e.g. the audit key).
   */
  static final String KEY_LABEL_PREFIX = "custos:wallet:";

  private final EntityManager em;
  private final KeyVault vault;
  private final EthereumNode node;
  private final Clock clock;
  private final Audit audit;

  WalletService(EntityManager em, KeyVault vault, EthereumNode node, Clock clock, Audit audit) {
    this.em = em;
    this.vault = vault;
    this.node = node;
    this.clock = clock;
    this.audit = audit;
  }

  /** Creates a wallet whose key is generated in the HSM; refuses a key already under its label. */
  public WalletView create(String label, List<String> tags, Caller admin) {
    return create(label, tags, false, admin);
  }

  /**
   * Creates a wallet whose key is generated in the HSM. A key already on the token under the
   * wallet's key label (left by a crash between generation and commit, or made with the vendor's
   * tools) is taken only when {@code adopt} asks for it, only if it is the one key of that label,
   * and only if the token reports it generated there and never extractable: anyone who can write to
   * the token could otherwise plant a key whose private part they keep. Each refusal is audited, in
   * a transaction that commits with that entry alone.
   */
  @Transactional(dontRollbackOn = KeyRefused.class)
  public WalletView create(String label, List<String> tags, boolean adopt, Caller admin) {
    check(WalletRequests.labelProblem(label));
    check(WalletRequests.tagsProblem(tags));
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "wallet:" + label)
        .getSingleResult();
    if (findEntity(label) != null) {
      throw new ApiException(
          ProblemType.CONFLICT, "a wallet labelled '" + label + "' exists", Map.of("label", label));
    }
    String keyLabel = KEY_LABEL_PREFIX + label;
    List<KeyInfo> existing = vault.list().stream().filter(k -> k.label().equals(keyLabel)).toList();
    if (!existing.isEmpty()) {
      checkAdoptable(label, keyLabel, existing, adopt, admin);
    }
    KeyInfo key = existing.isEmpty() ? vault.generate(keyLabel) : existing.get(0);
    WalletEntity w = new WalletEntity();
    w.id = UUID.randomUUID();
    w.label = label;
    w.address = key.address().toString();
    w.keyId = key.id().hex();
    w.chainId = node.expectedChainId();
    w.tags = normalise(tags);
    w.createdAt = clock.instant();
    w.createdBy = admin.username();
    em.persist(w);
    audit.record(
        AuditEntryType.KEY_CREATED,
        admin.username(),
        List.of("wallet:" + w.id),
        Map.of(
            "wallet",
            w.label,
            "address",
            w.address,
            "keyId",
            w.keyId,
            "keyLabel",
            keyLabel,
            "adopted",
            !existing.isEmpty(),
            "chainId",
            Long.toString(w.chainId),
            "tags",
            List.of(w.tags),
            "by",
            Map.of("subject", admin.subject(), "username", admin.username())));
    return w.view();
  }

  /** Refuses, and audits the refusal of, keys under the label that this create may not adopt. */
  private void checkAdoptable(
      String label, String keyLabel, List<KeyInfo> keys, boolean adopt, Caller admin) {
    KeyRefused refused = null;
    if (keys.size() > 1) {
      refused =
          new KeyRefused(
              ProblemType.KEY_LABEL_AMBIGUOUS,
              keys.size() + " keys are labelled '" + keyLabel + "' on the token; none is adopted",
              label);
    } else if (!adopt) {
      refused =
          new KeyRefused(
              ProblemType.KEY_EXISTS,
              "a key labelled '"
                  + keyLabel
                  + "' is on the token; ask to adopt it (\"adopt\": true) if it is this wallet's",
              label);
    } else if (!keys.get(0).bornOnToken()) {
      refused =
          new KeyRefused(
              ProblemType.KEY_NOT_BORN_ON_TOKEN,
              "the key labelled '"
                  + keyLabel
                  + "' was not generated on the token or has been extractable; it is not adopted",
              label);
    }
    if (refused == null) {
      return;
    }
    audit.record(
        AuditEntryType.KEY_REFUSED,
        admin.username(),
        keys.stream().map(k -> "key:" + k.id().hex()).toList(),
        Map.of(
            "wallet",
            label,
            "keyLabel",
            keyLabel,
            "reason",
            reason(refused.type()),
            "keyIds",
            keys.stream().map(k -> k.id().hex()).toList(),
            "by",
            Map.of("subject", admin.subject(), "username", admin.username())));
    throw refused;
  }

  /** The problem type's slug, e.g. {@code key-exists}: the reason an auditor reads. */
  private static String reason(ProblemType type) {
    String urn = type.type().toString();
    return urn.substring(urn.lastIndexOf(':') + 1);
  }

  public List<WalletView> list() {
    return em.createQuery("FROM WalletEntity ORDER BY label", WalletEntity.class)
        .getResultStream()
        .map(WalletEntity::view)
        .toList();
  }

  /** The wallet and its balance and nonces from the node. */
  public WalletDetails show(String label) {
    WalletView w = require(label);
    try {
      return new WalletDetails(
          w,
          node.balance(w.address()),
          node.latestNonce(w.address()),
          node.pendingNonce(w.address()));
    } catch (NodeException e) {
      throw new ApiException(
          ProblemType.UNAVAILABLE, "the Ethereum node did not answer: " + e.getMessage());
    }
  }

  /**
   * Checks a tag list as a wallet would take it: sorted, without duplicates.
   *
   * @throws ApiException a validation problem when a tag is malformed or there are too many
   */
  public static List<String> validTags(List<String> tags) {
    check(WalletRequests.tagsProblem(tags));
    return List.of(normalise(tags));
  }

  /**
   * Gives the wallet the tags a governance request approved, in the caller's transaction, and
   * audits the change: tags choose which policy rules apply, so only the admins' quorum sets them.
   */
  public void applyTags(String label, List<String> tags, UUID governanceRequestId) {
    WalletEntity w = findEntity(label);
    if (w == null) {
      throw notFound(label);
    }
    List<String> previous = List.of(w.tags);
    w.tags = normalise(tags);
    audit.record(
        AuditEntryType.WALLET_TAGS_CHANGED,
        Audit.SYSTEM,
        List.of("wallet:" + w.id, "governance:" + governanceRequestId),
        Map.of(
            "wallet",
            w.label,
            "previousTags",
            previous,
            "tags",
            List.of(w.tags),
            "governanceRequestId",
            governanceRequestId.toString()));
  }

  /** The wallet with this label; 404 if there is none. */
  public WalletView require(String label) {
    WalletEntity w = findEntity(label);
    if (w == null) {
      throw notFound(label);
    }
    return w.view();
  }

  /** The HSM key and address of a wallet, for signing. */
  @Transactional
  public SigningKey signingKey(UUID walletId) {
    WalletEntity w = em.find(WalletEntity.class, walletId);
    if (w == null) {
      throw new IllegalArgumentException("no wallet " + walletId);
    }
    return new SigningKey(w.id, new KeyId(w.keyId), w.address, w.chainId);
  }

  private WalletEntity findEntity(String label) {
    return em.createQuery("FROM WalletEntity WHERE label = :l", WalletEntity.class)
        .setParameter("l", label)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static ApiException notFound(String label) {
    return new ApiException(
        ProblemType.NOT_FOUND, "no wallet labelled '" + label + "'", Map.of("label", label));
  }

  private static void check(String problem) {
    if (problem != null) {
      throw new ApiException(ProblemType.VALIDATION, problem);
    }
  }

  private static String[] normalise(List<String> tags) {
    return tags == null ? new String[0] : new TreeSet<>(tags).toArray(String[]::new);
  }
}
