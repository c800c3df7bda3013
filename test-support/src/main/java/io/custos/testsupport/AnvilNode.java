package io.custos.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A running anvil devnet.
 *
 * @param rpcUrl its JSON-RPC endpoint on loopback
 * @param chainId the chain id it was started with
 * @param accounts anvil's funded development accounts (10,000 ETH each)
 * @param pid the anvil process id, for tests that stop and restart the node
 * @param logFile where anvil writes its output
 */
public record AnvilNode(
    URI rpcUrl, long chainId, List<DevAccount> accounts, long pid, Path logFile) {

  /**
   * One of anvil's well-known development accounts; their keys are public test keys and must never
   * hold value on a real chain.
   */
  public record DevAccount(String address, String privateKey) {
    @Override
    public String toString() {
      return "DevAccount[" + address + "]";
    }
  }
}
