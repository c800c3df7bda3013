package io.custos.service.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;

/**
 * The service's own fee ceiling, above every approval: no transaction is signed that may pay more,
 * whatever its request or a speed-up asks and whatever the network charges.
 */
@ConfigMapping(prefix = "custos.fees")
public interface FeesConfig {

  /** The most any transaction may pay per gas ({@code maxFeePerGas}), in wei; 1000 gwei. */
  @WithDefault("1000000000000")
  BigInteger maxFeePerGas();

  /** The most any transaction may pay in all ({@code maxFeePerGas × gasLimit}), in wei; 1 ETH. */
  @WithDefault("1000000000000000000")
  BigInteger maxFeePerTransaction();
}
