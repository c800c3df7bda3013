package io.custos.audit.checkpoint;

import io.custos.audit.SoftwareSigner;

/** The checkpoint signer's contract, on the software key the library's own tests sign with. */
class SoftwareSignerContractTest extends CheckpointSignerContract {

  private static final SoftwareSigner SIGNER = SoftwareSigner.generate("custos-checkpoint");

  @Override
  protected CheckpointSigner signer() {
    return SIGNER;
  }
}
