package io.custos.service.audit;

import io.custos.audit.checkpoint.CheckpointKey;
import io.custos.audit.checkpoint.CheckpointSigner;
import io.custos.audit.checkpoint.EcdsaSignature;
import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.KeyVault;

/** Checkpoints signed by a dedicated secp256k1 key inside the HSM. */
final class HsmCheckpointSigner implements CheckpointSigner {

  private final KeyVault vault;
  private final KeyInfo key;

  HsmCheckpointSigner(KeyVault vault, KeyInfo key) {
    this.vault = vault;
    this.key = key;
  }

  @Override
  public String keyName() {
    return key.label();
  }

  @Override
  public CheckpointKey publicKey() {
    return new CheckpointKey(key.publicKey().uncompressed());
  }

  @Override
  public EcdsaSignature sign(byte[] sha256Digest) {
    EthSignature s = vault.sign(key.id(), new Digest32(sha256Digest));
    return new EcdsaSignature(s.r(), s.s(), s.yParity());
  }
}
