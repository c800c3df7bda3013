package io.custos.service.request;

import io.custos.policy.intent.TransactionIntent;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The wallet of a stored request. */
@ApplicationScoped
class RequestWallets {

  private final WalletService wallets;

  RequestWallets(WalletService wallets) {
    this.wallets = wallets;
  }

  WalletView of(UUID walletId) {
    return wallets.list().stream()
        .filter(w -> w.id().equals(walletId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("request of unknown wallet " + walletId));
  }

  /** The intent a stored request asks the policy about. */
  TransactionIntent intentOf(RequestEntity r) {
    return Evaluator.intent(of(r.walletId), RequestMapping.draftOf(r));
  }
}
