package io.custos.service.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.custos.service.chain.EthereumNode;
import io.custos.service.chain.NodeException;
import io.custos.service.identity.Caller;
import io.custos.service.sending.NextNonce;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each JSON-RPC method does. Custos answers what is its own (the chain, its wallets, their
 * next nonce, sending), relays the read-only calls tools need to the organization's node, and
 * refuses everything else, whatever the node would do with it: no raw transactions, no account or
 * admin methods, no debug calls.
 */
@ApplicationScoped
class RpcMethods {

  /** Read-only methods passed to the node as they are. */
  static final Set<String> RELAYED =
      Set.of(
          "eth_blockNumber",
          "eth_call",
          "eth_estimateGas",
          "eth_feeHistory",
          "eth_gasPrice",
          "eth_getBalance",
          "eth_getBlockByHash",
          "eth_getBlockByNumber",
          "eth_getCode",
          "eth_getTransactionByHash",
          "eth_getTransactionReceipt",
          "eth_maxPriorityFeePerGas",
          "web3_clientVersion");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EthereumNode node;
  private final RpcWallets wallets;
  private final NextNonce nonces;
  private final TransactionSending sending;

  RpcMethods(EthereumNode node, RpcWallets wallets, NextNonce nonces, TransactionSending sending) {
    this.node = node;
    this.wallets = wallets;
    this.nonces = nonces;
    this.sending = sending;
  }

  Object call(String method, ArrayNode params, Caller caller) {
    return switch (method) {
      case "eth_chainId" -> Quantities.hex(node.expectedChainId());
      case "net_version" -> Long.toString(node.expectedChainId());
      case "eth_accounts" -> wallets.accounts(caller);
      case "eth_getTransactionCount" -> transactionCount(params);
      case "eth_sendTransaction" -> sending.send(params, caller);
      default -> {
        if (!RELAYED.contains(method)) {
          throw new RpcError(
              RpcError.METHOD_NOT_SUPPORTED, "the method " + method + " is not supported");
        }
        yield relay(method, params);
      }
    };
  }

  /**
   * For a Custos wallet and the {@code pending} block, the nonce Custos would sign with next: tools
   * fill {@code nonce} from it, and {@code eth_sendTransaction} checks it against the same.
   */
  private Object transactionCount(ArrayNode params) {
    String address = params.path(0).asText("");
    String block = params.path(1).asText("latest");
    Optional<WalletView> wallet = wallets.byAddress(address);
    if (wallet.isPresent() && block.equals("pending")) {
      return Quantities.hex(nonces.of(wallet.get().chainId(), wallet.get().address()));
    }
    return relay("eth_getTransactionCount", params);
  }

  private Object relay(String method, ArrayNode params) {
    try {
      return node.relay(method, JSON.convertValue(params, List.class));
    } catch (NodeException e) {
      if (e.answered()) {
        throw new RpcError(e.code().getAsInt(), e.getMessage());
      }
      throw new RpcError(RpcError.INTERNAL, "the Ethereum node did not answer " + method);
    }
  }
}
