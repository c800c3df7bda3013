package io.custos.service.wallet;

import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyRef;
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
import java.util.Optional;
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

  /**
   * Creates a wallet whose key is generated in the HSM. A key already on the token under the
   * wallet's key label is adopted instead: one left by a crash between generation and commit, or
   * one made with the vendor's tools for this wallet.
   */
  @Transactional
  public WalletView create(String label, List<String> tags, Caller admin) {
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
    Optional<KeyInfo> existing = vault.find(KeyRef.label(keyLabel));
    KeyInfo key = existing.orElseGet(() -> vault.generate(keyLabel));
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
            existing.isPresent(),
            "chainId",
            Long.toString(w.chainId),
            "tags",
            List.of(w.tags),
            "by",
            Map.of("subject", admin.subject(), "username", admin.username())));
    return w.view();
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
