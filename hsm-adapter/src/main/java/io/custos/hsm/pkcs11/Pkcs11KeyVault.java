package io.custos.hsm.pkcs11;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyLabels;
import io.custos.hsm.KeyRef;
import io.custos.hsm.KeyVault;
import io.custos.hsm.secp256k1.Secp256k1Verifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KeyVault} over any PKCS#11 v2.40 module: SoftHSM2 in development, a network or PCIe HSM
 * in production. Keys are generated inside the token and never leave it; there is deliberately no
 * way to import a raw private key.
 *
 * <p>Open one with {@link #open}; close it to release its sessions. Thread-safe.
 */
public final class Pkcs11KeyVault implements KeyVault {

  /** A usable key, its token, and the verifier that keeps its precomputed table. */
  private record CachedKey(TokenConnection token, KeyInfo info, Secp256k1Verifier verifier) {}

  /** What the tokens hold, replaced as a whole (copy-on-write) so that readers never lock. */
  private record Keys(Map<KeyId, CachedKey> usable, List<KeyObjects.Unusable> unusable) {}

  private final HsmSettings settings;
  private final List<TokenConnection> tokens;
  private final Clock clock;
  private volatile Keys keys = new Keys(Map.of(), List.of());
  private volatile boolean closed;

  private Pkcs11KeyVault(HsmSettings settings, List<TokenConnection> tokens, Clock clock) {
    this.settings = settings;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Loads the module (or shares it with vaults already open), finds each token and logs in.
   *
   * @throws HsmException {@code TOKEN_ABSENT}, {@code LOGIN_FAILED}, {@code PIN_UNAVAILABLE}...
   */
  public static Pkcs11KeyVault open(HsmSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  static Pkcs11KeyVault open(HsmSettings settings, Clock clock) {
    SharedModule module = SharedModules.acquire(settings.modulePath());
    List<TokenConnection> tokens = new ArrayList<>();
    try {
      for (TokenSettings token : settings.tokens()) {
        TokenConnection connection =
            new TokenConnection(module, token, settings.poolSize(), settings.borrowTimeout());
        tokens.add(connection);
        connection.connect();
      }
    } catch (RuntimeException e) {
      tokens.forEach(TokenConnection::close);
      SharedModules.release(settings.modulePath());
      throw e;
    }
    return new Pkcs11KeyVault(settings, List.copyOf(tokens), clock);
  }

  @Override
  public synchronized KeyInfo generate(String label) {
    KeyLabels.requireValid(label);
    ensureOpen();
    refresh();
    if (keys.usable().values().stream().anyMatch(k -> k.info().label().equals(label))
        || keys.unusable().stream().anyMatch(u -> u.label().equals(label))) {
      throw new HsmException(Reason.LABEL_TAKEN, "a key labelled '" + label + "' exists");
    }
    KeyId id = KeyId.generate(clock.instant());
    TokenConnection token = tokens.get(0);
    KeyObjects.Usable made =
        token.callOnce("C_GenerateKeyPair", session -> KeyObjects.generate(session, id, label));
    token.rememberHandle(id, made.privateHandle());
    Map<KeyId, CachedKey> usable = new HashMap<>(keys.usable());
    usable.put(
        id, new CachedKey(token, made.info(), new Secp256k1Verifier(made.info().publicKey())));
    keys = new Keys(Map.copyOf(usable), keys.unusable());
    return made.info();
  }

  @Override
  public List<KeyInfo> list() {
    ensureOpen();
    refresh();
    return keys.usable().values().stream()
        .map(CachedKey::info)
        .sorted(Comparator.comparing(KeyInfo::label).thenComparing(k -> k.id().hex()))
        .toList();
  }

  @Override
  public Optional<KeyInfo> find(KeyRef ref) {
    ensureOpen();
    Optional<KeyInfo> cached = cachedMatch(ref);
    if (cached.isPresent()) {
      return cached;
    }
    refresh();
    rejectUnusable(ref);
    return cachedMatch(ref);
  }

  @Override
  public EthSignature sign(KeyId keyId, Digest32 digest) {
    ensureOpen();
    CachedKey key = keys.usable().get(keyId);
    if (key == null) {
      refresh();
      rejectUnusable(new KeyRef.ById(keyId));
      key = keys.usable().get(keyId);
      if (key == null) {
        throw new HsmException(Reason.KEY_NOT_FOUND, "no key with id " + keyId);
      }
    }
    byte[] rs = key.token().sign(keyId, digest.bytes());
    return key.verifier().complete(digest, rs);
  }

  @Override
  public void ping() {
    ensureOpen();
    tokens.forEach(TokenConnection::ping);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      tokens.forEach(TokenConnection::close);
      SharedModules.release(settings.modulePath());
    }
  }

  private Optional<KeyInfo> cachedMatch(KeyRef ref) {
    if (ref instanceof KeyRef.ById byId) {
      return Optional.ofNullable(keys.usable().get(byId.id())).map(CachedKey::info);
    }
    return keys.usable().values().stream().map(CachedKey::info).filter(ref::matches).findFirst();
  }

  private void rejectUnusable(KeyRef ref) {
    if (cachedMatch(ref).isPresent()) {
      return;
    }
    for (KeyObjects.Unusable unusable : keys.unusable()) {
      boolean named =
          switch (ref) {
            case KeyRef.ById byId -> unusable.id().equals(byId.id());
            case KeyRef.ByLabel byLabel -> unusable.label().equals(byLabel.label());
            case KeyRef.ByAddress byAddress -> false;
          };
      if (named) {
        throw new HsmException(
            Reason.CURVE_UNSUPPORTED,
            "key '" + unusable.label() + "' cannot be used: " + unusable.why());
      }
    }
  }

  /**
   * Scans every token and replaces the cache, keeping verifiers (and their tables) of known keys.
   */
  private void refresh() {
    Map<KeyId, CachedKey> usable = new HashMap<>();
    List<KeyObjects.Unusable> unusable = new ArrayList<>();
    Map<KeyId, CachedKey> previous = keys.usable();
    for (TokenConnection token : tokens) {
      KeyObjects.Scan scan = token.call("scan for keys", KeyObjects::scan);
      for (KeyObjects.Usable found : scan.usable()) {
        KeyId id = found.info().id();
        token.rememberHandle(id, found.privateHandle());
        CachedKey known = previous.get(id);
        Secp256k1Verifier verifier =
            known != null && known.info().publicKey().equals(found.info().publicKey())
                ? known.verifier()
                : new Secp256k1Verifier(found.info().publicKey());
        usable.putIfAbsent(id, new CachedKey(token, found.info(), verifier));
      }
      unusable.addAll(scan.unusable());
    }
    keys = new Keys(Map.copyOf(usable), List.copyOf(unusable));
  }

  private void ensureOpen() {
    if (closed) {
      throw new HsmException(Reason.CLOSED, "the vault is closed");
    }
  }
}
