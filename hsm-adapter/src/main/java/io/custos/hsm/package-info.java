/**
 * The HSM port: Ethereum keys that are generated and used inside a hardware security module.
 *
 * <p>The service sees only {@link io.custos.hsm.KeyVault} and the value records of this package;
 * the PKCS#11 implementation lives in {@code io.custos.hsm.pkcs11} and is chosen by the wiring. The
 * curve arithmetic that completes and checks a token's signature is in {@code
 * io.custos.hsm.secp256k1}; this package imports none of the packages built on it.
 */
package io.custos.hsm;
