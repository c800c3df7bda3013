/**
 * The secp256k1 arithmetic behind the port's signatures: {@link
 * io.custos.hsm.secp256k1.Secp256k1Verifier} turns a token's raw {@code (r, s)} into an {@link
 * io.custos.hsm.EthSignature} (low s, verified, recovery parity) with GLV comb tables and 64-bit
 * field limbs. Implementations of {@link io.custos.hsm.KeyVault} use it; callers of the port never
 * need it. Only the verifier and the curve's public facts ({@link
 * io.custos.hsm.secp256k1.Secp256k1}) are public.
 */
package io.custos.hsm.secp256k1;
