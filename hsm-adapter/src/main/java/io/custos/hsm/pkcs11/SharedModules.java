package io.custos.hsm.pkcs11;

import io.custos.hsm.HsmException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link SharedModule} per library path, shared by every vault of the process.
 *
 * <p>A PKCS#11 library may be {@code C_Initialize}d once per process, and {@code C_Finalize} pulls
 * it from under every other user. So vaults count their uses here, and the module is finalised only
 * when the last one closes (which also lets SoftHSM2 read a new configuration at the next use).
 */
final class SharedModules {

  private static final Map<Path, SharedModule> OPEN = new HashMap<>();
  private static final Map<Path, Integer> USERS = new HashMap<>();

  private SharedModules() {}

  /** The initialised module for this library, loading it on first use. */
  static synchronized SharedModule acquire(Path library) {
    Path key = library.toAbsolutePath().normalize();
    SharedModule shared = OPEN.get(key);
    if (shared == null) {
      shared = SharedModule.load(key);
      OPEN.put(key, shared);
    }
    USERS.merge(key, 1, Integer::sum);
    return shared;
  }

  /** Gives back a module; the last user finalises it. */
  static synchronized void release(Path library) {
    Path key = library.toAbsolutePath().normalize();
    Integer users = USERS.get(key);
    if (users == null) {
      throw new HsmException(
          HsmException.Reason.CLOSED, "module released more often than acquired");
    }
    if (users > 1) {
      USERS.put(key, users - 1);
      return;
    }
    USERS.remove(key);
    OPEN.remove(key).finalizeModule();
  }
}
