package io.custos.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_NOT_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CURVE_NOT_SUPPORTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_MEMORY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DOMAIN_PARAMS_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_GENERAL_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_PARAM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_OBJECT_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_EXPIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LEN_RANGE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SLOT_ID_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_RECOGNIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_PIN_NOT_INITIALIZED;

import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import java.util.Map;
import java.util.Set;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** Maps PKCS#11 return codes, once, to the port's reasons and to what recovery they allow. */
final class Pkcs11Errors {

  /** The session or the login is gone: open a new session (and log in again), then retry. */
  private static final Set<Long> SESSION_LOST =
      Set.of(
          CKR_SESSION_HANDLE_INVALID,
          CKR_SESSION_CLOSED,
          CKR_USER_NOT_LOGGED_IN,
          CKR_DEVICE_ERROR,
          CKR_DEVICE_MEMORY,
          CKR_DEVICE_REMOVED,
          CKR_TOKEN_NOT_PRESENT,
          CKR_TOKEN_NOT_RECOGNIZED,
          CKR_CRYPTOKI_NOT_INITIALIZED,
          CKR_GENERAL_ERROR);

  /** A cached object handle went stale (e.g. after a logout elsewhere): look it up again. */
  private static final Set<Long> HANDLE_STALE =
      Set.of(CKR_OBJECT_HANDLE_INVALID, CKR_KEY_HANDLE_INVALID);

  private static final Map<Long, Reason> REASONS =
      Map.ofEntries(
          Map.entry(CKR_PIN_INCORRECT, Reason.LOGIN_FAILED),
          Map.entry(CKR_PIN_INVALID, Reason.LOGIN_FAILED),
          Map.entry(CKR_PIN_LEN_RANGE, Reason.LOGIN_FAILED),
          Map.entry(CKR_PIN_LOCKED, Reason.LOGIN_FAILED),
          Map.entry(CKR_PIN_EXPIRED, Reason.LOGIN_FAILED),
          Map.entry(CKR_USER_PIN_NOT_INITIALIZED, Reason.LOGIN_FAILED),
          Map.entry(CKR_USER_NOT_LOGGED_IN, Reason.LOGIN_FAILED),
          Map.entry(CKR_MECHANISM_INVALID, Reason.MECHANISM_UNSUPPORTED),
          Map.entry(CKR_MECHANISM_PARAM_INVALID, Reason.MECHANISM_UNSUPPORTED),
          Map.entry(CKR_CURVE_NOT_SUPPORTED, Reason.CURVE_UNSUPPORTED),
          Map.entry(CKR_DOMAIN_PARAMS_INVALID, Reason.CURVE_UNSUPPORTED),
          Map.entry(CKR_TOKEN_NOT_PRESENT, Reason.TOKEN_ABSENT),
          Map.entry(CKR_TOKEN_NOT_RECOGNIZED, Reason.TOKEN_ABSENT),
          Map.entry(CKR_DEVICE_REMOVED, Reason.TOKEN_ABSENT),
          Map.entry(CKR_SLOT_ID_INVALID, Reason.TOKEN_ABSENT),
          Map.entry(CKR_OBJECT_HANDLE_INVALID, Reason.KEY_NOT_FOUND),
          Map.entry(CKR_KEY_HANDLE_INVALID, Reason.KEY_NOT_FOUND));

  private Pkcs11Errors() {}

  static boolean isSessionLost(long ckr) {
    return SESSION_LOST.contains(ckr);
  }

  static boolean isHandleStale(long ckr) {
    return HANDLE_STALE.contains(ckr);
  }

  /** The port's exception for a failed call, carrying the CKR name as evidence. */
  static HsmException toHsm(String operation, PKCS11Exception e) {
    Reason reason = REASONS.getOrDefault(e.getErrorCode(), Reason.DEVICE_ERROR);
    return new HsmException(reason, operation + " failed", e.getErrorName(), e);
  }
}
