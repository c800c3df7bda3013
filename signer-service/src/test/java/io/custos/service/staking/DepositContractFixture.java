package io.custos.service.staking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.testsupport.Anvil;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real beacon-chain deposit contract on the devnet ({@code deploy/contracts/}), deployed from a
 * fixed account at nonce 0 so that it lands at the address the test policy's address book names.
 */
final class DepositContractFixture {

  static final String ADDRESS = "0xb09F81cB67649492169bf7CfcE2363e98d517e93";

  /** The deployer, impersonated on anvil; nothing else is ever sent from it. */
  private static final String DEPLOYER = "0x000000000000000000000000000000000000de90";

  private DepositContractFixture() {}

  /** Deploys the contract unless the devnet already has it; returns its address. */
  static String deploy(URI node) throws Exception {
    if (!Anvil.rpc(node, "eth_getCode", ADDRESS, "latest").asText().equals("0x")) {
      return ADDRESS;
    }
    Anvil.rpc(node, "anvil_setBalance", DEPLOYER, "0x8ac7230489e80000");
    Anvil.rpc(node, "anvil_impersonateAccount", DEPLOYER);
    String hash =
        Anvil.rpc(
                node,
                "eth_sendTransaction",
                Map.of("from", DEPLOYER, "data", bytecode(), "gas", "0x4c4b40"))
            .asText();
    String address = Anvil.receipt(node, hash).get("contractAddress").asText();
    if (!address.equalsIgnoreCase(ADDRESS)) {
      throw new IllegalStateException("the deposit contract landed at " + address);
    }
    return ADDRESS;
  }

  private static String bytecode() throws IOException {
    Path artifact = Path.of("..", "deploy", "contracts", "deposit_contract.json");
    return new ObjectMapper().readTree(artifact.toFile()).get("bytecode").asText();
  }
}
