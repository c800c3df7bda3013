package io.custos.service.request;

/**
 * The optional body of {@code POST /api/v1/requests/{id}/speed-up} and {@code .../cancel}: the
 * replacement's fees, decimal wei. Each absent one is the least the node takes as a replacement (10
 * % above the highest fee of the nonce), and the fee ceiling also covers twice the current base fee
 * plus the tip.
 *
 * @param maxFeePerGas the replacement's fee ceiling, wei
 * @param maxPriorityFeePerGas the replacement's tip, wei
 */
public record ReplaceBody(String maxFeePerGas, String maxPriorityFeePerGas) {

  static final ReplaceBody DEFAULTS = new ReplaceBody(null, null);
}
