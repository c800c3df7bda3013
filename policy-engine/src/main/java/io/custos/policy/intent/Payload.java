package io.custos.policy.intent;

import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;

/** What is to be signed; the kind of intent follows from the payload's type. */
public sealed interface Payload {

  /** The kind rules match on. */
  Kind kind();

  /** Ether sent to an account with no calldata. */
  record NativeTransfer(Address to, Wei value) implements Payload {
    public NativeTransfer {
      if (to == null || value == null) {
        throw new IllegalArgumentException("a transfer needs a destination and a value");
      }
    }

    @Override
    public Kind kind() {
      return Kind.NATIVE_TRANSFER;
    }
  }

  /** A call to a contract, possibly with ether. */
  record ContractCall(Address to, Wei value, HexData data) implements Payload {
    public ContractCall {
      if (to == null || value == null || data == null) {
        throw new IllegalArgumentException("a call needs a destination, a value and calldata");
      }
    }

    @Override
    public Kind kind() {
      return Kind.CONTRACT_CALL;
    }
  }

  /** A contract creation (no destination). */
  record Deployment(Wei value, HexData initCode) implements Payload {
    public Deployment {
      if (value == null || initCode == null) {
        throw new IllegalArgumentException("a deployment needs a value and init code");
      }
    }

    @Override
    public Kind kind() {
      return Kind.CONTRACT_DEPLOYMENT;
    }
  }

  /** An EIP-191 personal message. */
  record Message(HexData message) implements Payload {
    public Message {
      if (message == null) {
        throw new IllegalArgumentException("a message payload needs bytes");
      }
    }

    @Override
    public Kind kind() {
      return Kind.MESSAGE;
    }
  }

  /** EIP-712 typed data. */
  record TypedDataPayload(TypedData typedData) implements Payload {
    public TypedDataPayload {
      if (typedData == null) {
        throw new IllegalArgumentException("typed data is required");
      }
    }

    @Override
    public Kind kind() {
      return Kind.TYPED_DATA;
    }
  }
}
