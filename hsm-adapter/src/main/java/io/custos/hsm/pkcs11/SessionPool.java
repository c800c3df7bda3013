package io.custos.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;

import io.custos.hsm.HsmException;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * A bounded pool of read-write sessions on one token. A session is lent to one thread at a time:
 * two threads in one PKCS#11 session crash SoftHSM2 inside libcrypto, and the standard does not
 * promise more. Sessions are opened lazily, up to the bound.
 */
final class SessionPool {

  private static final System.Logger LOG = System.getLogger(SessionPool.class.getName());

  private final Token token;
  private final Semaphore permits;
  private final Duration wait;
  private final Deque<Session> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  SessionPool(Token token, int size, Duration wait) {
    this.token = token;
    this.permits = new Semaphore(size, true);
    this.wait = wait;
  }

  /**
   * A session for the calling thread alone; give it back with {@link #release} or {@link #discard}.
   *
   * @throws HsmException {@link HsmException.Reason#POOL_EXHAUSTED} if none frees up in time
   */
  Session borrow() throws PKCS11Exception {
    acquirePermit();
    Session session = idle.pollFirst();
    if (session != null) {
      return session;
    }
    try {
      return token.openSession(true);
    } catch (PKCS11Exception | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Returns a healthy session for reuse. */
  void release(Session session) {
    if (closed) {
      closeQuietly(session);
    } else {
      idle.offerFirst(session);
    }
    permits.release();
  }

  /** Closes a session that failed, so that it is never lent again. */
  void discard(Session session) {
    closeQuietly(session);
    permits.release();
  }

  /** Closes idle sessions now and lent ones when they come back. */
  void close() {
    closed = true;
    for (Session session = idle.pollFirst(); session != null; session = idle.pollFirst()) {
      closeQuietly(session);
    }
  }

  private void acquirePermit() throws PKCS11Exception {
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new HsmException(
            HsmException.Reason.POOL_EXHAUSTED, "no PKCS#11 session became free within " + wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HsmException(
          HsmException.Reason.POOL_EXHAUSTED, "interrupted while waiting for a session", null, e);
    }
    if (closed) {
      permits.release();
      // The connection was dropped after the caller picked it: a lost session, which the caller
      // recovers from like any other (reconnect, retry once).
      throw new PKCS11Exception(CKR_SESSION_CLOSED);
    }
  }

  private static void closeQuietly(Session session) {
    try {
      session.closeSession();
    } catch (PKCS11Exception e) {
      // A session on a vanished token cannot be closed; it is gone either way.
      LOG.log(System.Logger.Level.DEBUG, "C_CloseSession failed: {0}", e.getErrorName());
    }
  }
}
