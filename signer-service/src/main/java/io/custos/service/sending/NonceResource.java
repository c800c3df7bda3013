package io.custos.service.sending;

import io.custos.service.identity.CurrentCaller;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A wallet's nonce: what an admin does when it diverged from the node's. */
@Path("/api/v1/wallets/{label}/nonce")
@Produces(MediaType.APPLICATION_JSON)
public class NonceResource {

  private final WalletService wallets;
  private final NonceReconciler nonces;
  private final CurrentCaller caller;

  NonceResource(WalletService wallets, NonceReconciler nonces, CurrentCaller caller) {
    this.wallets = wallets;
    this.nonces = nonces;
    this.caller = caller;
  }

  /**
   * Lifts the hold on a wallet whose nonce diverged from the node's (transactions Custos did not
   * sign), once an admin has accounted for them; signing continues from the node's count.
   */
  @POST
  @Path("/resume")
  @Consumes(MediaType.WILDCARD) // no body
  @RolesAllowed("admin")
  public NonceResumed resume(@PathParam("label") String label) {
    WalletView w = wallets.require(label);
    long next = nonces.resume(w.chainId(), w.address(), caller.get().username());
    return new NonceResumed(w.label(), w.address(), next);
  }

  /** The answer of {@link #resume}: the wallet signs again from {@code nextNonce}. */
  public record NonceResumed(String wallet, String address, long nextNonce) {}
}
