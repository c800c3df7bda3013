package io.custos.audit;

/** The database refused or failed an audit-log operation. The cause carries the SQL state. */
public final class AuditStoreException extends RuntimeException {

  public AuditStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditStoreException(String message) {
    super(message);
  }
}
