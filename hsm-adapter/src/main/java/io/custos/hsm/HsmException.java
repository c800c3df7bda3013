package io.custos.hsm;

import java.util.Optional;

/**
 * The one exception of the HSM port. It names what went wrong as a {@link Reason} and, when a
 * PKCS#11 call failed, the {@code CKR_*} name the token returned. Messages never contain a PIN, a
 * private key or any other secret.
 */
public final class HsmException extends RuntimeException {

  /** Why an HSM operation failed; stable enough for the service to map to HTTP answers. */
  public enum Reason {
    /** No key matches the id, label or address asked for. */
    KEY_NOT_FOUND,
    /** A key with this label already exists; labels identify keys, so they must be unique. */
    LABEL_TAKEN,
    /** The token refused the PIN, or the PIN is locked. */
    LOGIN_FAILED,
    /** The PIN source (environment variable or file) could not be read. */
    PIN_UNAVAILABLE,
    /** The configured token is not present, not initialised or has vanished. */
    TOKEN_ABSENT,
    /** The module or token failed (device error, memory, general error, lost session). */
    DEVICE_ERROR,
    /** The token does not offer a mechanism this adapter needs (e.g. CKM_ECDSA). */
    MECHANISM_UNSUPPORTED,
    /** The key or the token's curve is not secp256k1. */
    CURVE_UNSUPPORTED,
    /** No session became free within the configured wait. */
    POOL_EXHAUSTED,
    /** The token returned a signature that does not verify against the key: never handed out. */
    SIGNATURE_INVALID,
    /** The vault was closed. */
    CLOSED
  }

  private final Reason reason;
  private final String ckrName;

  /** An error that did not come from a PKCS#11 return code. */
  public HsmException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  /**
   * An error with the evidence that caused it.
   *
   * @param ckrName the PKCS#11 return code name (e.g. {@code CKR_PIN_INCORRECT}), or null
   */
  public HsmException(Reason reason, String message, String ckrName, Throwable cause) {
    super(
        ckrName == null ? reason + ": " + message : reason + ": " + message + " (" + ckrName + ")",
        cause);
    this.reason = reason;
    this.ckrName = ckrName;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The {@code CKR_*} name the token answered, when a PKCS#11 call failed. */
  public Optional<String> ckrName() {
    return Optional.ofNullable(ckrName);
  }
}
