package io.custos.service.chain;

import java.math.BigInteger;

/**
 * A transaction as simulated by the node ({@code eth_estimateGas}, {@code eth_call}).
 *
 * @param from the sender
 * @param to the destination, or null for a contract creation
 * @param value the value, in wei
 * @param data the calldata, empty for none
 */
public record Call(String from, String to, BigInteger value, byte[] data) {

  public Call {
    data = data == null ? new byte[0] : data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
