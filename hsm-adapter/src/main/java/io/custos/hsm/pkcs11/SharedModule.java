package io.custos.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import io.custos.hsm.HsmException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * An initialised PKCS#11 library, and the one way to re-initialise it while the process runs.
 *
 * <p>Some modules never see a token again once it vanished: SoftHSM2 keeps a removed token
 * directory marked invalid until the next {@code C_Initialize}. So when a configured token cannot
 * be found, the module is finalised and initialised again, at most once per {@link
 * #MIN_REINIT_INTERVAL}. {@code C_Finalize} must never run while another thread is inside the
 * library, so every call holds the read side of a lock and re-initialisation takes the write side.
 * The {@link #epoch()} changes with each re-initialisation, telling connections that their slots
 * and sessions are gone.
 */
final class SharedModule {

  /** Bounds how often a missing token can make the module re-initialise. */
  static final Duration MIN_REINIT_INTERVAL = Duration.ofMillis(250);

  private static final System.Logger LOG = System.getLogger(SharedModule.class.getName());

  /** A call into the library. */
  @FunctionalInterface
  interface Pkcs11Call<T> {
    T apply() throws PKCS11Exception;
  }

  private final Path library;

  /** Null while the library is not initialised (SoftHSM2 refuses to while its tokens are gone). */
  private volatile PKCS11Module module;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile long epoch;
  private volatile long lastReinitNanos = System.nanoTime() - MIN_REINIT_INTERVAL.toNanos();

  private SharedModule(Path library, PKCS11Module module) {
    this.library = library;
    this.module = module;
  }

  static SharedModule load(Path library) {
    if (!Files.isRegularFile(library)) {
      throw new HsmException(
          HsmException.Reason.DEVICE_ERROR, "PKCS#11 library not found: " + library);
    }
    WrapperLogging.install();
    return new SharedModule(library, initialize(library));
  }

  /**
   * A new module object, initialised. After {@code C_Finalize} the wrapper's old object cannot be
   * initialised again, so each initialisation gets a fresh one.
   */
  private static PKCS11Module initialize(Path library) {
    PKCS11Module module;
    try {
      module = PKCS11Module.getInstance(library.toString());
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new HsmException(
          HsmException.Reason.DEVICE_ERROR, "cannot load PKCS#11 library " + library, null, e);
    }
    try {
      module.initialize();
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw Pkcs11Errors.toHsm("C_Initialize of " + library, e);
      }
    }
    return module;
  }

  /**
   * The wrapper's module object, or null if the last initialisation failed; use inside {@link
   * #use}.
   */
  PKCS11Module module() {
    return module;
  }

  /** Changes whenever the module is re-initialised. */
  long epoch() {
    return epoch;
  }

  /** Runs a call while no re-initialisation can happen. */
  <T> T use(Pkcs11Call<T> call) throws PKCS11Exception {
    lock.readLock().lock();
    try {
      return call.apply();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Re-initialises the module, unless someone already did since {@code seenEpoch} or the last time
   * was too recent.
   *
   * @return whether the epoch is now newer than {@code seenEpoch}
   */
  boolean reinitialize(long seenEpoch) {
    lock.writeLock().lock();
    try {
      if (epoch != seenEpoch) {
        return true;
      }
      if (System.nanoTime() - lastReinitNanos < MIN_REINIT_INTERVAL.toNanos()) {
        return false;
      }
      lastReinitNanos = System.nanoTime();
      LOG.log(Level.WARNING, "re-initialising PKCS#11 module {0} to find a lost token", library);
      finalizeQuietly();
      module = null;
      epoch++;
      try {
        module = initialize(library);
      } catch (HsmException e) {
        // Tried again at the next reconnection; until then the token counts as absent.
        LOG.log(Level.WARNING, "{0}", e.getMessage());
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Finalises the module for good: its last vault closed. */
  void finalizeModule() {
    lock.writeLock().lock();
    try {
      finalizeQuietly();
      epoch++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void finalizeQuietly() {
    PKCS11Module current = module;
    if (current == null) {
      return;
    }
    try {
      current.finalize(null);
    } catch (PKCS11Exception e) {
      LOG.log(Level.WARNING, "C_Finalize of {0} failed: {1}", library, e.getErrorName());
    }
  }

  /**
   * The present, initialised token that {@code selector} names, or null. Slots are listed anew on
   * every call: slot ids are not stable, and a token may have come back in another slot.
   */
  Token findToken(TokenSelector selector) {
    try {
      return use(() -> scanSlots(selector));
    } catch (PKCS11Exception e) {
      LOG.log(Level.WARNING, "C_GetSlotList failed: {0}", e.getErrorName());
      return null;
    }
  }

  private Token scanSlots(TokenSelector selector) throws PKCS11Exception {
    PKCS11Module library = module;
    if (library == null) {
      return null;
    }
    for (Slot slot : library.getSlotList(true)) {
      try {
        TokenInfo info = slot.getToken().getTokenInfo();
        if (info.isTokenInitialized()
            && selector.matches(info.getLabel().strip(), info.getSerialNumber().strip())) {
          return slot.getToken();
        }
      } catch (PKCS11Exception e) {
        // A slot whose token does not answer is not the one we want; keep looking.
        LOG.log(Level.DEBUG, "slot {0}: {1}", Long.toString(slot.getSlotID()), e.getErrorName());
      }
    }
    return null;
  }
}
