package io.custos.service.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.testsupport.Anvil;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A real ERC-20 on the devnet: OpenZeppelin 4.9.6's compiled ERC20PresetMinterPauser (installed by
 * ./custos setup), deployed from a fixed account at nonce 0 so that it lands at the address the
 * test policy names.
 */
public final class Erc20Fixture {

  /** The deployer, impersonated on anvil; it holds the token's minter role. */
  public static final String DEPLOYER = "0x000000000000000000000000000000000000c0de";

  private Erc20Fixture() {}

  /** Deploys "Test Token" (TST) unless the devnet already has it; returns its address. */
  public static String deployAndMint(URI node, String expected) throws Exception {
    if (!Anvil.rpc(node, "eth_getCode", expected, "latest").asText().equals("0x")) {
      return expected;
    }
    Anvil.rpc(node, "anvil_setBalance", DEPLOYER, "0x8ac7230489e80000");
    Anvil.rpc(node, "anvil_impersonateAccount", DEPLOYER);
    String constructor =
        FunctionEncoder.encodeConstructor(
            List.of(new Utf8String("Test Token"), new Utf8String("TST")));
    String hash =
        Anvil.rpc(
                node,
                "eth_sendTransaction",
                Map.of("from", DEPLOYER, "data", bytecode() + constructor, "gas", "0x4c4b40"))
            .asText();
    String address = Anvil.receipt(node, hash).get("contractAddress").asText();
    if (!address.equalsIgnoreCase(expected)) {
      throw new IllegalStateException("the token landed at " + address + ", not " + expected);
    }
    return address;
  }

  public static void mint(URI node, String token, String to, BigInteger units) throws Exception {
    String data =
        FunctionEncoder.encode(
            new Function("mint", List.of(new Address(to), new Uint256(units)), List.of()));
    String hash =
        Anvil.rpc(node, "eth_sendTransaction", Map.of("from", DEPLOYER, "to", token, "data", data))
            .asText();
    if (!Anvil.receipt(node, hash).get("status").asText().equals("0x1")) {
      throw new IllegalStateException("mint reverted");
    }
  }

  public static BigInteger balanceOf(URI node, String token, String owner) {
    String data =
        FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(owner)), List.of()));
    String result =
        Anvil.rpc(node, "eth_call", Map.of("to", token, "data", data), "latest").asText();
    return new BigInteger(result.substring(2), 16);
  }

  private static String bytecode() throws Exception {
    Path artifact =
        Paths.get(System.getProperty("custos.tools.dir"))
            .resolve(
                "node_modules/@openzeppelin/contracts/build/contracts/ERC20PresetMinterPauser.json");
    return new ObjectMapper().readTree(artifact.toFile()).get("bytecode").asText();
  }
}
