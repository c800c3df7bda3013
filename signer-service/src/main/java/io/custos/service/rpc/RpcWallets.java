package io.custos.service.rpc;

import io.custos.service.chain.EthereumNode;
import io.custos.service.identity.Caller;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The wallets as JSON-RPC clients name them: by address, on this deployment's chain. */
@ApplicationScoped
class RpcWallets {

  private final WalletService wallets;
  private final EthereumNode node;

  RpcWallets(WalletService wallets, EthereumNode node) {
    this.wallets = wallets;
    this.node = node;
  }

  /** The wallet with this address (any case), if Custos holds it. */
  Optional<WalletView> byAddress(String address) {
    return onThisChain().stream().filter(w -> w.address().equalsIgnoreCase(address)).findFirst();
  }

  /** A requester may ask any wallet to send (the policy decides the rest); others none. */
  List<String> accounts(Caller caller) {
    if (!caller.hasRole("requester")) {
      return List.of();
    }
    return onThisChain().stream().map(WalletView::address).toList();
  }

  private List<WalletView> onThisChain() {
    return wallets.list().stream().filter(w -> w.chainId() == node.expectedChainId()).toList();
  }
}
