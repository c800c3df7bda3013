package io.custos.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import io.custos.hsm.KeyId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * One configured token: finds its slot, logs in once, lends sessions and recovers from lost ones.
 *
 * <p>Every PKCS#11 call goes through {@link #call}, the one place that recovers: when a session,
 * the login or the token is lost, the connection is dropped, re-established (slot looked up again
 * by label or serial, new sessions, new login) and the single-call operation retried once; when a
 * cached object handle is stale, the handles are forgotten and looked up again. A token that stays
 * gone gives {@code TOKEN_ABSENT}; the next call after it returns reconnects, no restart needed.
 */
final class TokenConnection implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TokenConnection.class.getName());

  /** One PKCS#11 operation on a session lent to the calling thread. */
  @FunctionalInterface
  interface SessionCall<T> {
    T apply(Session session) throws PKCS11Exception;
  }

  private record Connected(Token token, SessionPool pool, long epoch) {}

  private final SharedModule module;
  private final TokenSettings settings;
  private final int poolSize;
  private final Duration borrowTimeout;
  private final Object connectLock = new Object();
  private final Map<KeyId, Long> handles = new ConcurrentHashMap<>();
  private volatile Connected current;
  private volatile boolean closed;
  private volatile boolean everConnected;

  TokenConnection(SharedModule module, TokenSettings settings, int poolSize, Duration wait) {
    this.module = module;
    this.settings = settings;
    this.poolSize = poolSize;
    this.borrowTimeout = wait;
  }

  /** The token as configured, for messages: never the PIN. */
  String name() {
    return settings.selector().toString();
  }

  /** Connects now, so that a wrong PIN or a missing token shows at start-up. */
  void connect() {
    connected();
  }

  /**
   * Runs a single-call operation, recovering once from a lost session, login or stale handle.
   *
   * @throws HsmException with the reason and CKR name when it still fails
   */
  <T> T call(String operation, SessionCall<T> call) {
    Connected connection = connected();
    try {
      return attempt(connection, call);
    } catch (PKCS11Exception first) {
      if (!recover(connection, operation, first)) {
        throw Pkcs11Errors.toHsm(operation + " on " + name(), first);
      }
    }
    Connected again = connected();
    try {
      return attempt(again, call);
    } catch (PKCS11Exception second) {
      if (Pkcs11Errors.isSessionLost(second.getErrorCode())) {
        disconnect(again);
      }
      throw Pkcs11Errors.toHsm(operation + " on " + name() + " (after one retry)", second);
    }
  }

  /**
   * Runs an operation that must not be repeated (key generation: a retry after a lost answer could
   * create a second key). A lost session still drops the connection for the next caller.
   */
  <T> T callOnce(String operation, SessionCall<T> call) {
    Connected connection = connected();
    try {
      return attempt(connection, call);
    } catch (PKCS11Exception e) {
      if (Pkcs11Errors.isSessionLost(e.getErrorCode())) {
        disconnect(connection);
      }
      throw Pkcs11Errors.toHsm(operation + " on " + name(), e);
    }
  }

  /** Signs a digest with {@code CKM_ECDSA}; the token returns {@code r || s}. */
  byte[] sign(KeyId key, byte[] digest) {
    return call(
        "C_Sign",
        session -> session.signSingle(new Mechanism(CKM_ECDSA), handle(session, key), digest));
  }

  /** Remembers a handle found by a scan, so that the first signature needs no search. */
  void rememberHandle(KeyId key, long handle) {
    handles.put(key, handle);
  }

  /**
   * Fails unless the token answers {@code C_GetTokenInfo} and a session is logged in: a vanished
   * SoftHSM2 token still returns empty searches, so only these calls tell the truth.
   */
  void ping() {
    Connected connection = connected();
    try {
      module.use(() -> connection.token().getTokenInfo());
    } catch (PKCS11Exception e) {
      disconnect(connection);
      throw new HsmException(
          Reason.TOKEN_ABSENT, name() + " does not answer C_GetTokenInfo", e.getErrorName(), e);
    }
    long state = call("C_GetSessionInfo", session -> session.getSessionInfo().getState());
    if (state != CKS_RW_USER_FUNCTIONS && state != CKS_RO_USER_FUNCTIONS) {
      disconnect(connection);
      throw new HsmException(Reason.LOGIN_FAILED, name() + " is not logged in");
    }
  }

  @Override
  public void close() {
    synchronized (connectLock) {
      closed = true;
      Connected connection = current;
      current = null;
      if (connection != null) {
        closePool(connection.pool());
      }
    }
  }

  private long handle(Session session, KeyId key) throws PKCS11Exception {
    Long cached = handles.get(key);
    if (cached != null) {
      return cached;
    }
    long found = KeyObjects.findPrivateKey(session, key);
    if (found < 0) {
      // SoftHSM2 answers an empty search for a token that vanished: ask the token itself before
      // calling the key missing, so that a lost token reads TOKEN_ABSENT, not KEY_NOT_FOUND.
      session.getToken().getTokenInfo();
      throw new HsmException(Reason.KEY_NOT_FOUND, "no private key " + key + " on " + name());
    }
    handles.put(key, found);
    return found;
  }

  private <T> T attempt(Connected connection, SessionCall<T> call) throws PKCS11Exception {
    return module.use(
        () -> {
          Session session = connection.pool().borrow();
          T result;
          try {
            result = call.apply(session);
          } catch (PKCS11Exception | RuntimeException e) {
            // The session may be mid-operation or dead: never lend it again.
            connection.pool().discard(session);
            throw e;
          }
          connection.pool().release(session);
          return result;
        });
  }

  private boolean recover(Connected failed, String operation, PKCS11Exception e) {
    long ckr = e.getErrorCode();
    if (!Pkcs11Errors.isSessionLost(ckr) && !Pkcs11Errors.isHandleStale(ckr)) {
      return false;
    }
    // A stale handle usually means a logout elsewhere (SoftHSM2 then hides private keys and
    // answers CKR_OBJECT_HANDLE_INVALID, not CKR_USER_NOT_LOGGED_IN): so reconnect and log in
    // again in both cases; the handles are looked up anew.
    LOG.log(Level.WARNING, "{0} on {1}: {2}, reconnecting", operation, name(), e.getErrorName());
    disconnect(failed);
    return true;
  }

  private Connected connected() {
    Connected connection = current;
    if (connection != null && connection.epoch() == module.epoch()) {
      return connection;
    }
    synchronized (connectLock) {
      if (closed) {
        throw new HsmException(Reason.CLOSED, "the vault is closed");
      }
      if (current != null && current.epoch() != module.epoch()) {
        // The module was re-initialised: every slot object and session of ours is void.
        handles.clear();
        current = null;
      }
      if (current == null) {
        current = establish();
      }
      return current;
    }
  }

  /**
   * Drops the connection if it is still the one that failed (another thread may have renewed it).
   */
  private void disconnect(Connected failed) {
    synchronized (connectLock) {
      if (current == failed) {
        current = null;
        handles.clear();
        closePool(failed.pool());
      }
    }
  }

  private Connected establish() {
    long epoch = module.epoch();
    Token token = findToken();
    // Only a token that was here and vanished justifies re-initialising the module under every
    // other user of the process; a token never seen is a configuration error.
    if (token == null && everConnected && module.reinitialize(epoch)) {
      epoch = module.epoch();
      token = findToken();
    }
    if (token == null) {
      throw new HsmException(
          Reason.TOKEN_ABSENT, "no present, initialised token matches " + name());
    }
    SessionPool pool = new SessionPool(token, poolSize, borrowTimeout);
    try {
      module.use(() -> loginOnFirstSession(pool));
    } catch (PKCS11Exception e) {
      closePool(pool);
      throw Pkcs11Errors.toHsm("C_Login on " + name(), e);
    } catch (RuntimeException e) {
      closePool(pool);
      throw e;
    }
    everConnected = true;
    LOG.log(
        Level.INFO,
        "connected to {0} (slot {1})",
        name(),
        Long.toString(token.getSlot().getSlotID()));
    return new Connected(token, pool, epoch);
  }

  private Void loginOnFirstSession(SessionPool pool) throws PKCS11Exception {
    Session session = pool.borrow();
    try {
      login(session);
    } catch (PKCS11Exception | RuntimeException e) {
      pool.discard(session);
      throw e;
    }
    pool.release(session);
    return null;
  }

  private void closePool(SessionPool pool) {
    try {
      module.use(
          () -> {
            pool.close();
            return null;
          });
    } catch (PKCS11Exception e) {
      throw new IllegalStateException("unreachable: closing a pool throws no PKCS#11 error", e);
    }
  }

  /** Login is per token and process: one login serves every session, present and future. */
  private void login(Session session) throws PKCS11Exception {
    char[] pin = settings.pin().read();
    try {
      session.login(CKU_USER, pin);
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
        throw e;
      }
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private Token findToken() {
    return module.findToken(settings.selector());
  }
}
