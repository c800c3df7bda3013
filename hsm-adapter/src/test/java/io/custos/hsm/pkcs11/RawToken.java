package io.custos.hsm.pkcs11;

import io.custos.testsupport.SoftHsmToken;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * Direct PKCS#11 access to a test token, beside a vault: what an auditor or a vendor tool would
 * see. Shares the vault's initialised module (a second C_Initialize is not allowed). Public for the
 * benchmark, which measures the raw rate beside the vault's.
 */
public final class RawToken implements AutoCloseable {

  private final SoftHsmToken token;

  /** The shared module. */
  public final PKCS11Module module;

  /** The token. */
  public final Token pkcs11Token;

  /** A read-write session opened for this object. */
  public final Session session;

  private RawToken(SoftHsmToken token, PKCS11Module module, Token pkcs11Token, Session session) {
    this.token = token;
    this.module = module;
    this.pkcs11Token = pkcs11Token;
    this.session = session;
  }

  /** Opens a read-write session on the token labelled {@code label}. */
  public static RawToken open(SoftHsmToken token, String label) throws Exception {
    PKCS11Module module = SharedModules.acquire(token.modulePath()).module();
    for (Slot slot : module.getSlotList(true)) {
      if (slot.getToken().getTokenInfo().getLabel().strip().equals(label)) {
        Token t = slot.getToken();
        return new RawToken(token, module, t, t.openSession(true));
      }
    }
    SharedModules.release(token.modulePath());
    throw new IllegalStateException("no token " + label);
  }

  @Override
  public void close() {
    try {
      session.closeSession();
    } catch (PKCS11Exception e) {
      // the token may be gone in fault tests
    }
    SharedModules.release(token.modulePath());
  }
}
