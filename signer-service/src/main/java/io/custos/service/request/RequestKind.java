package io.custos.service.request;

/**
 * What a request asks to sign, as the API shows it and {@code tx_request.kind} stores it (V3's
 * check constraint holds the same three names).
 */
enum RequestKind {
  NATIVE_TRANSFER("native_transfer"),
  ERC20_TRANSFER("erc20_transfer"),
  CONTRACT_CALL("contract_call");

  private final String storedName;

  RequestKind(String storedName) {
    this.storedName = storedName;
  }

  /** The name in the API, the audit log and the database. */
  String storedName() {
    return storedName;
  }

  /** The kind of a stored name; a name the database does not allow is a broken invariant. */
  static RequestKind ofStored(String name) {
    for (RequestKind kind : values()) {
      if (kind.storedName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalStateException("a request of unknown kind " + name);
  }
}
